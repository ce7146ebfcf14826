package ops

import "pipeline/hooks"

// demoPassword is the password of every demo account.
const demoPassword = "pipeline-demo"

// demoUsers are the demo accounts: officers at several councils, a Leeds
// organisation admin and a Pipeline coordinator. All addresses use the
// reserved .example domain so no email can reach a real person.
var demoUsers = []demoUser{
	{Key: "officer", Name: "Priya Shah", Email: "officer@leeds.example", JobTitle: "Digital service designer", Org: "leeds", Role: "officer"},
	{Key: "orgadmin", Name: "Tom Whitaker", Email: "admin@leeds.example", JobTitle: "Head of digital services", Org: "leeds", Role: "orgAdmin"},
	{Key: "bristol", Name: "Hannah Clarke", Email: "officer@bristol.example", JobTitle: "Product manager", Org: "city-of-bristol", Role: "officer"},
	{Key: "coordinator", Name: "Sam Okafor", Email: "coordinator@pipeline.example", JobTitle: "Pipeline coordinator", Org: "", Role: "coordinator"},
	{Key: "david", Name: "David Hughes", Email: "david@sheffield.example", JobTitle: "Senior developer", Org: "sheffield", Role: "officer"},
	{Key: "fiona", Name: "Fiona MacLeod", Email: "fiona@glasgow-city.example", JobTitle: "Service owner, customer services", Org: "glasgow-city", Role: "officer"},
	{Key: "rhys", Name: "Rhys Morgan", Email: "rhys@cardiff.example", JobTitle: "Digital lead, housing", Org: "cardiff", Role: "officer"},
	{Key: "ciara", Name: "Ciara O'Neill", Email: "ciara@belfast.example", JobTitle: "Business analyst", Org: "belfast", Role: "officer"},
	{Key: "james", Name: "James Fletcher", Email: "james@kent.example", JobTitle: "Product owner, adult social care", Org: "kent", Role: "officer"},
	{Key: "amara", Name: "Amara Mensah", Email: "amara@hackney.example", JobTitle: "Lead user researcher", Org: "hackney", Role: "officer"},
	{Key: "elin", Name: "Elin Jones", Email: "elin@gwynedd.example", JobTitle: "Library systems manager", Org: "gwynedd", Role: "officer"},
	{Key: "funder", Name: "Nia Roberts", Email: "funding@london.example", JobTitle: "Programme lead, digital funding", Org: "greater-london", Role: "officer"},
}

// demoFunder is the demo's funder (its officer is the "funder" account),
// and demoRound the round it has open.
const demoFunder = "greater-london"

var demoRound = map[string]any{
	"title":       "London shared digital services fund",
	"description": "Money for councils that build a digital service once and share it. Bids need at least two organisations, the lead included.\n\nAwards are published as open grants data when the round is decided.",
	"pot":         500000, "maxAward": 100000, "minPartners": 2, "updateCadenceDays": 30, "prefix360": "360G-pipeline-demo",
	"criteria": []map[string]any{{"name": "Impact for residents", "weight": 3}, {"name": "Councils working together", "weight": 2},
		{"name": "Value for money", "weight": 1}},
}

// demoProjects are the demo projects, covering every phase and all four UK
// nations. Two pairs are deliberately similar (missed bins in Leeds and
// Sheffield; repairs and damp and mould in Hackney and Cardiff) so that
// similarity features have something to find.
var demoProjects = []demoProject{
	{
		Org: "leeds", OwnerKey: "officer",
		Title:   "Report a missed bin collection",
		Summary: "An online service for residents to check their collection day and report a missed bin, sending reports straight to crews' in-cab devices instead of through the contact centre.",
		Description: "Missed bins are one of the main reasons residents phone us. About 4 in 10 calls about bins come from people who are not sure their collection was due, and reports taken by phone are rekeyed into the waste management system, which adds a day before a crew is sent back." +
			"\n\nWe have built a service that shows the next collection day for each bin at an address and only lets people report a missed bin once the crew has finished the round. Reports go straight to the in-cab system. Crews can mark a bin as not put out, with a photo, which we show to the resident." +
			"\n\nIn private beta, calls about missed bins fell by a third on the rounds we tested. We want to talk to councils using the same in-cab supplier about sharing the integration, and to anyone who has handled assisted collections well online.",
		Phase: "beta", Visibility: "published", BudgetBand: "100to250k",
		Seeking:             []string{"reuse", "conversation"},
		Tags:                []string{"waste", "bins", "missed bins", "in-cab"},
		Links:               []hooks.Link{{Label: "Beta service", URL: "https://leeds.example/bins/report-missed"}},
		PhaseStartedDaysAgo: 70, PhaseEndsInDays: 60, IdleDays: 12,
		Updates: []demoUpdate{
			{DaysAgo: 150, AuthorKey: "officer", Body: "Alpha testing with 14 residents showed that most people want to know whether the crew has been yet before they report. We are adding round status to the page."},
			{DaysAgo: 70, AuthorKey: "officer", Body: "We passed our beta assessment. The service is now open to residents on 12 rounds in north and east Leeds.", PhaseTo: "beta"},
			{DaysAgo: 12, AuthorKey: "orgadmin", Body: "Calls about missed bins on the beta rounds are down 33% on the same weeks last year. We plan to extend the service to all rounds in the spring."},
		},
		Interests: []demoInterest{
			{UserKey: "bristol", Kind: "reuse", Message: "Bristol uses the same in-cab supplier. Could we see how you built the integration?", State: "open", DaysAgo: 6},
			{UserKey: "david", Kind: "similar", Message: "We are in alpha on the same problem in Sheffield. It would be good to compare research.", State: "acknowledged", DaysAgo: 20},
		},
	},
	{
		Org: "leeds", OwnerKey: "officer",
		Title:   "Apply for local welfare assistance",
		Summary: "An idea to replace the phone and paper application for emergency help with food, fuel and household essentials with a short online form that checks eligibility first.",
		Description: "People apply for local welfare assistance when they are in crisis, often on a mobile phone with little credit. At the moment they must phone during office hours or fill in a 9-page paper form, and around half of applications are turned down because the person is not eligible." +
			"\n\nWe want to explore a short online application that tells people early whether they are likely to qualify, and points them to other help, such as food banks and the Household Support Fund, if they are not." +
			"\n\nThis is an early idea and has not been approved yet. We would like to hear from councils that have moved welfare assistance online, particularly about identity checks and paying awards quickly.",
		Phase: "concept", Visibility: "draft", BudgetBand: "unknown",
		Seeking:             []string{"conversation", "research"},
		Tags:                []string{"welfare", "cost of living", "hardship"},
		PhaseStartedDaysAgo: 20, IdleDays: 5,
		Updates: []demoUpdate{
			{DaysAgo: 5, AuthorKey: "officer", Body: "We have drafted a problem statement with the welfare rights team. The service manager will review it before we publish."},
		},
	},
	{
		Org: "leeds", OwnerKey: "officer",
		Title:   "Apply for SEND home to school transport",
		Summary: "Discovery into how families of children with special educational needs and disabilities apply for travel assistance, and how decisions reach transport planners.",
		Description: "Families of children with special educational needs and disabilities (SEND) apply for home to school travel assistance on a PDF form. Officers rekey each application, chase missing evidence by email and pass decisions to transport planners in a spreadsheet. Most applications arrive in July and August, and some families do not know their child's arrangements until the week term starts." +
			"\n\nIn discovery we have interviewed 18 parents and carers, the travel assistance team and 2 transport operators. The main problems are repeating information the council already holds in the education, health and care plan (EHCP), and not knowing where an application has got to." +
			"\n\nEvery council with education responsibilities runs this process under the same statutory guidance, so we think one service could work for many. We are looking for partners to co-fund an alpha and share research.",
		Phase: "discovery", Visibility: "published", BudgetBand: "100to250k",
		Seeking:             []string{"partners", "funding", "research"},
		Tags:                []string{"send", "school transport", "education", "travel assistance"},
		Links:               []hooks.Link{{Label: "Discovery findings", URL: "https://leeds.example/digital/send-transport-discovery"}},
		PhaseStartedDaysAgo: 45, PhaseEndsInDays: 40, IdleDays: 8,
		Updates: []demoUpdate{
			{DaysAgo: 75, AuthorKey: "officer", Body: "We agreed the problem to investigate with the SEND travel assistance team and got approval for an 8-week discovery."},
			{DaysAgo: 45, AuthorKey: "officer", Body: "Discovery has started. We are recruiting parents and carers through the local parent carer forum.", PhaseTo: "discovery"},
			{DaysAgo: 8, AuthorKey: "officer", Body: "We have finished 18 interviews and published our findings. We have opened a partner call to fund an alpha."},
		},
		Interests: []demoInterest{
			{UserKey: "bristol", Kind: "join", Message: "We are reviewing our own travel assistance form this year and would like to join the alpha if we can find the budget.", State: "acknowledged", DaysAgo: 12},
			{UserKey: "james", Kind: "contribute", Message: "We have pledged to the call and can share our eligibility rules for comparison.", State: "collaborating", DaysAgo: 9},
			{UserKey: "amara", Kind: "contribute", Message: "We have made a smaller pledge and would like to see the research as it comes in.", State: "open", DaysAgo: 4},
		},
		Call: &demoCall{
			Description: "We will build an alpha of an online SEND travel assistance application, with eligibility checks and progress updates for families, if three councils commit £60,000 and 30 days of staff time between them. " +
				"Partners get the code under an open licence, a say in priorities at fortnightly show and tells, and all of the user research.",
			GoalPartners: 3, GoalFunding: 60000, GoalDays: 30, DeadlineInDays: 45,
			Pledges: []demoPledge{
				{UserKey: "james", Funding: 20000, Days: 10, Note: "Kent can fund a third and give 10 days of our SEND transport lead's time."},
				{UserKey: "amara", Funding: 15000, Days: 5, Note: "Hackney can contribute funding now and user research time from our SEND team."},
			},
		},
	},
	{
		Org: "leeds", OwnerKey: "orgadmin",
		Title:   "Contact centre virtual assistant pilot",
		Summary: "A 6-month pilot of a web chat virtual assistant that answered common questions about council tax and bins. The pilot has ended and the assistant has been switched off.",
		Description: "We piloted a virtual assistant on the council website to answer common questions about council tax, bins and parking, handing over to a web chat agent when it could not help. The aim was to reduce calls to the contact centre." +
			"\n\nThe assistant answered simple questions well, but 6 in 10 conversations were handed to an agent or abandoned. Most questions needed account information the assistant could not safely see, and keeping its answers in step with website content took more staff time than we expected." +
			"\n\nWe retired the assistant and put the effort into improving the pages people were asking about. We are happy to share our evaluation, costs and the questions people asked with any council thinking about a chatbot.",
		Phase: "retired", Visibility: "published", BudgetBand: "50to100k",
		Seeking:             []string{"conversation"},
		Tags:                []string{"chatbot", "contact centre", "web chat", "ai"},
		Links:               []hooks.Link{{Label: "Pilot evaluation", URL: "https://leeds.example/digital/virtual-assistant-evaluation"}},
		PhaseStartedDaysAgo: 300, IdleDays: 200,
		Updates: []demoUpdate{
			{DaysAgo: 390, AuthorKey: "orgadmin", Body: "The assistant is now on the council tax and bins pages. We will review how it is used every month with the contact centre."},
			{DaysAgo: 300, AuthorKey: "orgadmin", Body: "The pilot has ended and we have switched the assistant off. Only 4 in 10 conversations were resolved without an agent.", PhaseTo: "retired"},
			{DaysAgo: 210, AuthorKey: "officer", Body: "We have published our evaluation, including costs and the 50 most common questions, so other councils can learn from it."},
		},
	},
	{
		Org: "city-of-bristol", OwnerKey: "bristol",
		Title:   "Council tax single person discount review",
		Summary: "An online way for residents to confirm they still live alone, replacing the paper review letters we send every two years to people who get the single person discount.",
		Description: "About 70,000 households in Bristol get the 25% single person discount on council tax. Every two years we write to all of them and ask them to confirm they still live alone. Replies are scanned and checked by hand, and thousands of people do not reply, which leads to reminders and sometimes to discounts being removed in error." +
			"\n\nIn alpha we are testing an online review that people reach from a link in a letter or text message. We are also testing a check against credit reference data, so that people whose circumstances have clearly not changed are asked fewer questions." +
			"\n\nWe would like to hear from councils that have used data matching for this review, especially how you explained it to residents and how you dealt with people who disputed a match.",
		Phase: "alpha", Visibility: "published", BudgetBand: "50to100k",
		Seeking:             []string{"reuse", "conversation"},
		Tags:                []string{"council tax", "discounts", "revenues", "data matching"},
		PhaseStartedDaysAgo: 40, PhaseEndsInDays: 50, IdleDays: 15,
		Updates: []demoUpdate{
			{DaysAgo: 95, AuthorKey: "bristol", Body: "Discovery is finished. Most residents did not understand why they were being asked again, so the letter matters as much as the form."},
			{DaysAgo: 40, AuthorKey: "bristol", Body: "We have moved into alpha and are testing two versions of the online review with residents.", PhaseTo: "alpha"},
			{DaysAgo: 15, AuthorKey: "bristol", Body: "We tested with 9 residents. People trusted the form more when the letter told them which data we had checked."},
		},
		Interests: []demoInterest{
			{UserKey: "fiona", Kind: "similar", Message: "We run a similar review in Glasgow and have just started using data matching. Happy to compare notes.", State: "open", DaysAgo: 14},
		},
	},
	{
		Org: "city-of-bristol", OwnerKey: "bristol",
		Title:   "Apply for a residents' parking permit",
		Summary: "An online service for residents and businesses in controlled parking zones to apply for, renew and pay for parking permits and visitor permits.",
		Description: "Residents in Bristol's controlled parking zones used to apply for permits on paper or by phone, and then wait for a paper permit in the post. Renewal reminders were sent by letter and many people missed them." +
			"\n\nThe service lets people apply, upload proof of address and vehicle ownership, pay and get a virtual permit linked to their number plate. Visitor permits can be bought in blocks of hours and started from a phone." +
			"\n\nThe service has been live for over a year and handles about 9 in 10 applications. We are not actively developing it, but we can share our approach to virtual permits and vehicle checks.",
		Phase: "live", Visibility: "published", BudgetBand: "250to500k",
		Seeking:             []string{"reuse"},
		Tags:                []string{"parking", "permits", "payments"},
		Links:               []hooks.Link{{Label: "Live service", URL: "https://bristol.example/parking/permits"}},
		PhaseStartedDaysAgo: 380, IdleDays: 115,
		Updates: []demoUpdate{
			{DaysAgo: 395, AuthorKey: "bristol", Body: "Public beta has ended. Over 85% of permit applications in the last 3 months were made online."},
			{DaysAgo: 380, AuthorKey: "bristol", Body: "The service passed its live assessment and we have withdrawn the paper application form.", PhaseTo: "live"},
			{DaysAgo: 115, AuthorKey: "bristol", Body: "We now send renewal reminders by text message. Fewer permits are being renewed late."},
		},
		Interests: []demoInterest{
			{UserKey: "amara", Kind: "join", Message: "Hackney is replacing its permit system. Could we join any future development of this service?", State: "declined", DaysAgo: 45},
		},
	},
	{
		Org: "sheffield", OwnerKey: "david",
		Title:   "Bin collection days and missed bin reports",
		Summary: "Alpha of a service that tells residents which bins are due and when, and lets them report a missed collection without phoning us.",
		Description: "Residents find it hard to work out which bin goes out on which week, especially after bank holidays, and call us when they are unsure. Missed bin reports come in by phone, email and an old web form, and are rekeyed into our waste system." +
			"\n\nWe are prototyping one service for checking collection days, signing up for reminders and reporting a missed bin. We are testing whether showing the crew's progress on the round stops people reporting bins that are still due to be collected that day." +
			"\n\nWe know other councils are working on the same problem. We would like to compare prototypes and research, and find out whether anyone has an integration with our waste management system that we could reuse.",
		Phase: "alpha", Visibility: "published", BudgetBand: "50to100k",
		Seeking:             []string{"reuse", "research", "conversation"},
		Tags:                []string{"waste", "bins", "missed bins", "collection days"},
		PhaseStartedDaysAgo: 35, PhaseEndsInDays: 55, IdleDays: 6,
		Updates: []demoUpdate{
			{DaysAgo: 80, AuthorKey: "david", Body: "Discovery found that most missed bin calls are made before the crew has finished the round."},
			{DaysAgo: 35, AuthorKey: "david", Body: "Alpha has started. We are prototyping a single page for collection days and missed bin reports.", PhaseTo: "alpha"},
			{DaysAgo: 6, AuthorKey: "david", Body: "We tested the prototype with 8 residents, including 2 who use screen readers. The calendar view needs more work."},
		},
		Interests: []demoInterest{
			{UserKey: "officer", Kind: "similar", Message: "Our beta in Leeds does much of this. Happy to share what we learned about round status and in-cab integration.", State: "acknowledged", DaysAgo: 18},
		},
	},
	{
		Org: "glasgow-city", OwnerKey: "fiona",
		Title:   "Blue Badge applications and renewals",
		Summary: "A service for Glasgow residents to apply for or renew a Blue Badge, with a shorter route for people who already get a qualifying benefit.",
		Description: "Glasgow handles around 25,000 Blue Badge applications and renewals a year. Many applicants already get a benefit that makes them eligible without further assessment, but they still fill in the full form and send copies of letters." +
			"\n\nThe service asks about qualifying benefits first and sends people down a shorter route when they have one. People applying because of a mobility condition or a hidden disability get clearer questions, and the team assesses applications in a single case view." +
			"\n\nFife Council is a partner and will use the same service design. We want to hear from other Scottish councils that have set up benefit checks with Social Security Scotland.",
		Phase: "beta", Visibility: "published", BudgetBand: "100to250k",
		Seeking:             []string{"conversation", "reuse"},
		Tags:                []string{"blue badge", "disability", "parking", "accessibility"},
		Links:               []hooks.Link{{Label: "Beta assessment report", URL: "https://glasgow-city.example/digital/blue-badge-beta-assessment"}},
		Partners:            []string{"fife"},
		PhaseStartedDaysAgo: 90, PhaseEndsInDays: 90, IdleDays: 20,
		Updates: []demoUpdate{
			{DaysAgo: 150, AuthorKey: "fiona", Body: "Fife Council has agreed to join as a partner and will test the service with its residents."},
			{DaysAgo: 90, AuthorKey: "fiona", Body: "We passed our beta assessment. Public beta is open to all Glasgow residents.", PhaseTo: "beta"},
			{DaysAgo: 20, AuthorKey: "fiona", Body: "The average time to decide an application has fallen from 19 working days to 8."},
		},
		Interests: []demoInterest{
			{UserKey: "james", Kind: "reuse", Message: "Kent is reviewing its Blue Badge process. Could we see your eligibility questions and assessment guidance?", State: "open", DaysAgo: 30},
		},
	},
	{
		Org: "cardiff", OwnerKey: "rhys",
		Title:   "Report damp and mould in your council home",
		Summary: "Discovery into how council tenants report damp and mould, and how we make sure every report is inspected and followed up on time.",
		Description: "Damp and mould can seriously harm health, particularly for young children and people with breathing conditions. Tenants report it in the same way as any other repair, so reports are not always treated as urgent and some are closed after a surface treatment without the cause being fixed." +
			"\n\nIn discovery we are speaking to tenants, repairs call handlers and surveyors, and analysing 3 years of repair records to understand repeat reports. We want to find out what a tenant needs to tell us for a report to be triaged properly, and how to keep them informed until the work is done." +
			"\n\nWe are interested in councils and housing associations that have redesigned damp and mould reporting, particularly the questions you ask and how you share photos with surveyors.",
		Phase: "discovery", Visibility: "published", BudgetBand: "under50k",
		Seeking:             []string{"research", "conversation", "partners"},
		Tags:                []string{"housing", "damp and mould", "repairs", "tenants"},
		PhaseStartedDaysAgo: 30, PhaseEndsInDays: 60, IdleDays: 10,
		Updates: []demoUpdate{
			{DaysAgo: 50, AuthorKey: "rhys", Body: "The housing leadership team has asked us to look at damp and mould reporting separately from other repairs."},
			{DaysAgo: 30, AuthorKey: "rhys", Body: "Discovery has started. We are recruiting tenants through the tenants' federation.", PhaseTo: "discovery"},
			{DaysAgo: 10, AuthorKey: "rhys", Body: "Our analysis of repair records shows that 1 in 5 damp reports is repeated within 12 months."},
		},
		Interests: []demoInterest{
			{UserKey: "amara", Kind: "similar", Message: "Our repairs service has a separate route for damp and mould. We would be glad to share our triage questions.", State: "open", DaysAgo: 7},
			{UserKey: "officer", Kind: "following", Message: "Leeds has the same problem with repeat reports. We would like to follow your research.", State: "open", DaysAgo: 3},
		},
	},
	{
		Org: "belfast", OwnerKey: "ciara",
		Title:   "Track a planning application",
		Summary: "Discovery into giving applicants and neighbours clear, up-to-date information about where a planning application has got to and what happens next.",
		Description: "Around a quarter of calls to our planning service are from applicants or neighbours asking what stage an application has reached. The planning portal shows a status, but the terms it uses mean little to most people and it does not say when a decision is likely." +
			"\n\nWe are mapping the stages an application goes through, from validation to decision, and testing plain English descriptions of each one with applicants, agents and neighbours. We also want to understand which dates we can reliably give people." +
			"\n\nWe would welcome conversations with councils that publish planning application timelines, and with anyone who has tried telling neighbours about applications by email or text rather than by letter.",
		Phase: "discovery", Visibility: "published", BudgetBand: "under50k",
		Seeking:             []string{"conversation", "research"},
		Tags:                []string{"planning", "notifications", "application tracking"},
		PhaseStartedDaysAgo: 160, IdleDays: 124,
		Updates: []demoUpdate{
			{DaysAgo: 175, AuthorKey: "ciara", Body: "We have agreed a short discovery with the head of planning, to start once the new planning system has settled in."},
			{DaysAgo: 160, AuthorKey: "ciara", Body: "Discovery has started. We are looking at calls and emails about the progress of applications.", PhaseTo: "discovery"},
			{DaysAgo: 124, AuthorKey: "ciara", Body: "We have interviewed 11 applicants and agents. The thing they most want is a likely decision date."},
		},
	},
	{
		Org: "kent", OwnerKey: "james",
		Title:   "Adult social care needs assessment online",
		Summary: "Alpha of an online self-assessment that lets adults and their carers describe their care and support needs before speaking to a social worker.",
		Description: "People who contact us for adult social care support are asked the same questions several times: by the contact centre, by the first contact team and again during their Care Act assessment. Waiting lists for assessment are long, and people often find out late that they will not be eligible for council funded care." +
			"\n\nWe are testing an online self-assessment that collects information about daily living, health and support from family and friends. Practitioners read it before the conversation, which should mean shorter assessments and earlier signposting to community support." +
			"\n\nEssex County Council is a partner and is testing the same prototype. We would like to hear how other councils keep an online assessment proportionate and make sure it is not a barrier for people who cannot use it.",
		Phase: "alpha", Visibility: "published", BudgetBand: "250to500k",
		Seeking:             []string{"research", "skills", "conversation"},
		Tags:                []string{"adult social care", "care act", "assessment", "carers"},
		Partners:            []string{"essex"},
		PhaseStartedDaysAgo: 120, PhaseEndsInDays: -10, IdleDays: 25,
		Updates: []demoUpdate{
			{DaysAgo: 180, AuthorKey: "james", Body: "Our discovery report is finished. Kent and Essex have agreed to build an alpha together."},
			{DaysAgo: 120, AuthorKey: "james", Body: "Alpha has started. We are testing prototypes with people waiting for an assessment and with carers.", PhaseTo: "alpha"},
			{DaysAgo: 25, AuthorKey: "james", Body: "Alpha is taking longer than planned because recruiting people who draw on care has been slow. We expect to finish next month."},
		},
		Interests: []demoInterest{
			{UserKey: "orgadmin", Kind: "following", Message: "Leeds is looking at how to reduce assessment waiting lists. We would like to follow your alpha.", State: "open", DaysAgo: 11},
		},
	},
	{
		Org: "hackney", OwnerKey: "amara",
		Title:   "Report a housing repair",
		Summary: "An online service for council tenants and leaseholders to report a repair, book an appointment and track progress, with a separate route for damp and mould.",
		Description: "Most repairs used to be reported by phone, and the call handler chose from over 400 repair codes to describe the problem. Wrong codes meant the wrong trade was sent, so many jobs needed a second visit." +
			"\n\nThe service asks tenants simple questions about where the problem is and what they can see, and matches their answers to the right job. Tenants can upload photos, book an appointment and get text updates. Damp and mould reports are flagged for a surveyor to inspect within 10 working days." +
			"\n\nIn beta about 45% of repairs are reported online and more jobs are fixed on the first visit. The code is open source and we are keen to help other councils reuse it.",
		Phase: "beta", Visibility: "published", BudgetBand: "500kto1m",
		Seeking: []string{"reuse", "partners", "skills"},
		Tags:    []string{"housing", "repairs", "damp and mould", "tenants", "open source"},
		Links: []hooks.Link{
			{Label: "Report a repair (beta)", URL: "https://hackney.example/repairs"},
			{Label: "Source code", URL: "https://hackney.example/digital/repairs-source"},
		},
		PhaseStartedDaysAgo: 110, PhaseEndsInDays: 70, IdleDays: 4,
		Updates: []demoUpdate{
			{DaysAgo: 200, AuthorKey: "amara", Body: "Alpha is finished after 6 rounds of testing with tenants. Plain questions about the problem picked the right trade far more often than repair codes."},
			{DaysAgo: 110, AuthorKey: "amara", Body: "Private beta has started with tenants on 3 estates.", PhaseTo: "beta"},
			{DaysAgo: 4, AuthorKey: "amara", Body: "The beta is now open to all tenants and about 45% of repairs are reported online. We have added a separate route for damp and mould."},
		},
		Interests: []demoInterest{
			{UserKey: "rhys", Kind: "reuse", Message: "We are looking at damp and mould reporting in Cardiff. Could we reuse your triage questions?", State: "acknowledged", DaysAgo: 25},
		},
	},
	{
		Org: "gwynedd", OwnerKey: "elin",
		Title:   "Bilingual library catalogue and e-book lending",
		Summary: "A Welsh and English library catalogue where members can search, reserve and borrow e-books and e-audiobooks with one library card.",
		Description: "Library members had to use separate apps to borrow e-books and e-audiobooks, each with its own sign-in, and the catalogue was only partly available in Welsh. Members in rural areas rely on e-lending, and many told us they gave up after failing to sign in." +
			"\n\nWe replaced the catalogue with one that searches print and digital stock together, works fully in Welsh and English, and lets members borrow e-books with their library card number and PIN." +
			"\n\nE-book loans have risen by a fifth since launch. We have published our Welsh translations of catalogue terms, and other library services are welcome to use them.",
		Phase: "live", Visibility: "published", BudgetBand: "50to100k",
		Seeking:             []string{"reuse", "conversation"},
		Tags:                []string{"libraries", "e-books", "welsh language", "bilingual"},
		Links:               []hooks.Link{{Label: "Welsh catalogue terms", URL: "https://gwynedd.example/libraries/welsh-catalogue-terms"}},
		PhaseStartedDaysAgo: 240, IdleDays: 40,
		Updates: []demoUpdate{
			{DaysAgo: 300, AuthorKey: "elin", Body: "Public beta is open in Welsh and English. Members can now borrow e-books with their library card."},
			{DaysAgo: 240, AuthorKey: "elin", Body: "The service is live and the old catalogue has been switched off.", PhaseTo: "live"},
			{DaysAgo: 40, AuthorKey: "elin", Body: "E-book loans are up 21% on last year. We have published our list of Welsh catalogue terms."},
		},
		Interests: []demoInterest{
			{UserKey: "fiona", Kind: "following", Message: "Glasgow is reviewing its library catalogue. We are interested in how you joined up print and digital search.", State: "acknowledged", DaysAgo: 50},
		},
	},
}
