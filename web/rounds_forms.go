package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// Funding rounds' journeys, each a form answered through the API as the
// person asking: a funder's officers create a round, open it, score the
// submitted bids on each criterion, shortlist, award or turn bids down and
// decide the round (/rounds/new, /rounds/{id}/manage); a council bids with
// one of its projects, invites partners and submits (/rounds/{id}/bid,
// /bids/{id}); an invited council confirms or declines on the bid's page.

const (
	roundsAPI      = "/api/collections/" + hooks.ColRounds + "/records"
	bidsAPI        = "/api/collections/" + hooks.ColBids + "/records"
	bidPartnersAPI = "/api/collections/" + hooks.ColBidPartners + "/records"
	scoresAPI      = "/api/collections/" + hooks.ColScores + "/records"
)

// isFunderOfficer says whether the person is an approved officer of a
// funder organisation, and which.
func isFunderOfficer(e *core.RequestEvent) (*core.Record, bool) {
	me := viewerOf(e)
	if me == nil || !me.Member {
		return nil, false
	}
	org, err := e.App.FindRecordById(hooks.ColOrganisations, me.Organisation)
	if err != nil || !org.GetBool("funder") {
		return nil, false
	}
	return org, true
}

// newRoundPage: GET /rounds/new.
func (s *Site) newRoundPage(e *core.RequestEvent) error {
	if ok, err := requireSignIn(e); !ok {
		return err
	}
	f := newForm(e, url.Values{"minPartners": {"2"}, "criteria": {"Impact | 3\nCollaboration | 2\nValue for money | 1"}})
	return s.showNewRound(e, http.StatusOK, f)
}

func (s *Site) showNewRound(e *core.RequestEvent, status int, f *form) error {
	_, ok := isFunderOfficer(e)
	if !ok && status == http.StatusOK {
		status = http.StatusForbidden
	}
	closes := dateInput{Field: "closesAt", Error: f.Err("closesAt"), Day: f.Value("closesAt-day"), Month: f.Value("closesAt-month"), Year: f.Value("closesAt-year")}
	return s.render(e, status, "round-new", Page{Title: "Create a funding round", Page: "round-new", Form: f,
		Data: map[string]any{"Allowed": ok, "Closes": closes}})
}

// createRound: POST /rounds/new saves a draft round.
func (s *Site) createRound(e *core.RequestEvent) error {
	values, ok, err := s.postedSignedIn(e)
	if !ok {
		return err
	}
	f := newForm(e, values)
	f.Values.Del("csrf")
	if _, ok := isFunderOfficer(e); !ok {
		return s.showNewRound(e, http.StatusForbidden, f)
	}
	f.required("title", "Enter the round's title")
	nums := map[string]int{}
	for _, n := range []string{"pot", "maxAward", "minPartners", "updateCadenceDays"} {
		v, ok := wholeNumber(f.Value(n))
		if !ok {
			f.add(n, "Enter a whole number")
		}
		nums[n] = v
	}
	if nums["pot"] == 0 && f.Err("pot") == "" {
		f.add("pot", "Enter the pot, in whole pounds")
	}
	if nums["maxAward"] > nums["pot"] {
		f.add("maxAward", "The largest award cannot be more than the pot")
	}
	if nums["minPartners"] < 1 {
		nums["minPartners"] = 1
	}
	closes, msg := readDate(f, "closesAt", "The closing date")
	switch {
	case msg != "":
		f.add("closesAt", msg)
	case closes == "":
		f.add("closesAt", "Enter the date the round closes")
	default:
		closes = strings.Replace(closes, "00:00:00", "23:59:00", 1)
	}
	criteria := []hooks.Criterion{}
	for _, line := range strings.Split(f.Value("criteria"), "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		name, weight := line, "1"
		if bar := strings.LastIndex(line, "|"); bar >= 0 {
			name, weight = strings.TrimSpace(line[:bar]), strings.TrimSpace(line[bar+1:])
		}
		w, err := strconv.ParseFloat(weight, 64)
		if err != nil || w <= 0 || name == "" {
			f.add("criteria", fmt.Sprintf("Write each criterion as a name, a bar and a weight above 0, like Impact | 3: check %q", line))
			continue
		}
		criteria = append(criteria, hooks.Criterion{Name: name, Weight: w})
	}
	if len(criteria) == 0 && f.Err("criteria") == "" {
		f.add("criteria", "Name at least one criterion bids are assessed on")
	}
	if !f.Failed() {
		body := map[string]any{"title": strings.TrimSpace(f.Value("title")), "description": f.Value("description"), "pot": nums["pot"],
			"maxAward": nums["maxAward"], "minPartners": nums["minPartners"], "updateCadenceDays": nums["updateCadenceDays"],
			"closesAt": closes, "criteria": criteria, "state": hooks.RoundDraft, "prefix360": strings.TrimSpace(f.Value("prefix360"))}
		a, err := s.call(e, http.MethodPost, roundsAPI, body)
		if err != nil {
			return e.InternalServerError("", err)
		}
		if a.OK() {
			var r apiRecord
			if err := a.decode(&r); err != nil {
				return e.InternalServerError("", err)
			}
			return redirectWith(e, "/rounds/"+r.ID+"/manage", "The round is saved as a draft: only your organisation can see it until you open it")
		}
		f.apply(a, map[string]string{"prefix360.validation_invalid_format": "Enter a 360Giving prefix like 360G-leeds"}, nil)
	}
	return s.showNewRound(e, http.StatusBadRequest, f)
}

// manageView is a round's page for its funder.
type manageView struct {
	Round    *core.Record
	Criteria []hooks.Criterion
	Bids     []manageBid
	Awarded  int
	Left     int
	Funded   []fundedProject
}

type manageBid struct {
	ID, State, ProjectTitle, ProjectSlug, Lead string
	Amount, Awarded                            int
	Answers                                    []answerLine
	Partners                                   []string
	Scores                                     []scoreLine
	Total                                      float64
	Scored                                     bool
}

type answerLine struct{ Criterion, Answer string }

type scoreLine struct {
	Criterion string
	Score     string
	Comment   string
}

type fundedProject struct {
	Title, Slug, LastUpdate, Outcome string
	Awarded                          int
}

// roundOfFunder reads the round of the address when the person asking is
// one of its funder's officers; ok is false when it answered already.
func (s *Site) roundOfFunder(e *core.RequestEvent) (*core.Record, bool, error) {
	if ok, err := requireSignIn(e); !ok {
		return nil, false, err
	}
	round := viewable(e, hooks.ColRounds, e.Request.PathValue("id"))
	if round == nil {
		return nil, false, s.notFound(e, "Funding round", "/rounds", "see every funding round")
	}
	if me := viewerOf(e); !me.Member || me.Organisation != round.GetString("funder") {
		return nil, false, s.render(e, http.StatusForbidden, "message", Page{Title: "Only the funder manages a round", Page: "round",
			Data: message{Heading: "Only the funder manages a round", Body: "Only officers of the round's funder can manage it.",
				Link: "/rounds/" + round.Id, LinkText: "See the round"}})
	}
	return round, true, nil
}

// manageRoundPage: GET /rounds/{id}/manage.
func (s *Site) manageRoundPage(e *core.RequestEvent) error {
	round, ok, err := s.roundOfFunder(e)
	if !ok {
		return err
	}
	return s.showManage(e, http.StatusOK, round, newForm(e, nil))
}

func (s *Site) showManage(e *core.RequestEvent, status int, round *core.Record, f *form) error {
	v := manageView{Round: round}
	_ = round.UnmarshalJSONField("criteria", &v.Criteria)
	var bids struct {
		Items []struct {
			ID      string            `json:"id"`
			State   string            `json:"state"`
			Amount  int               `json:"amount"`
			Awarded int               `json:"awarded"`
			Answers map[string]string `json:"answers"`
			Expand  struct {
				Project      *apiRecord `json:"project"`
				Organisation *apiRecord `json:"organisation"`
			} `json:"expand"`
		} `json:"items"`
	}
	if err := s.listAPI(e, hooks.ColBids, url.Values{"filter": {"round = '" + round.Id + "'"}, "expand": {"project,organisation"},
		"sort": {"created"}, "perPage": {"500"}, "skipTotal": {"1"}}, &bids); err != nil {
		return e.InternalServerError("", err)
	}
	var scores struct {
		Items []struct {
			Bid       string `json:"bid"`
			Assessor  string `json:"assessor"`
			Criterion string `json:"criterion"`
			Score     int    `json:"score"`
			Comment   string `json:"comment"`
		} `json:"items"`
	}
	if err := s.listAPI(e, hooks.ColScores, url.Values{"filter": {"bid.round = '" + round.Id + "' && assessor = '" + e.Auth.Id + "'"},
		"perPage": {"1000"}, "skipTotal": {"1"}}, &scores); err != nil {
		return e.InternalServerError("", err)
	}
	weights := map[string]float64{}
	for _, c := range v.Criteria {
		weights[c.Name] = c.Weight
	}
	for _, b := range bids.Items {
		mb := manageBid{ID: b.ID, State: b.State, Amount: b.Amount, Awarded: b.Awarded}
		if p := b.Expand.Project; p != nil {
			mb.ProjectTitle, mb.ProjectSlug = p.Title, p.Slug
		}
		if o := b.Expand.Organisation; o != nil {
			mb.Lead = o.Name
		}
		for _, c := range v.Criteria {
			mb.Answers = append(mb.Answers, answerLine{c.Name, b.Answers[c.Name]})
			line := scoreLine{Criterion: c.Name}
			for _, sc := range scores.Items {
				if sc.Bid == b.ID && sc.Criterion == c.Name {
					line.Score, line.Comment = strconv.Itoa(sc.Score), sc.Comment
					mb.Total += float64(sc.Score) * weights[c.Name]
					mb.Scored = true
				}
			}
			mb.Scores = append(mb.Scores, line)
		}
		partners, err := e.App.FindRecordsByFilter(hooks.ColBidPartners, "bid = {:b} && state = 'confirmed'", "", 0, 0, map[string]any{"b": b.ID})
		if err == nil {
			for _, p := range partners {
				if o, err := e.App.FindRecordById(hooks.ColOrganisations, p.GetString("organisation")); err == nil {
					mb.Partners = append(mb.Partners, o.GetString("name"))
				}
			}
		}
		v.Awarded += b.Awarded
		if b.State == hooks.BidFunded {
			fp := fundedProject{Title: mb.ProjectTitle, Slug: mb.ProjectSlug, Awarded: b.Awarded}
			if p, err := e.App.FindFirstRecordByData(hooks.ColProjects, "slug", mb.ProjectSlug); err == nil {
				if ups, err := e.App.FindRecordsByFilter(hooks.ColUpdates, "project = {:p}", "-created", 1, 0, map[string]any{"p": p.Id}); err == nil && len(ups) > 0 {
					fp.LastUpdate = formatDate(ups[0].GetDateTime("created"))
				}
				fp.Outcome = or(p.GetString("outcomeWorked"), p.GetString("outcome"))
			}
			v.Funded = append(v.Funded, fp)
		}
		v.Bids = append(v.Bids, mb)
	}
	v.Left = round.GetInt("pot") - v.Awarded
	return s.render(e, status, "round-manage", Page{Title: "Manage " + round.GetString("title"), Page: "round-manage", Form: f, Data: v})
}

// manageRound: POST /rounds/{id}/manage, one of the funder's actions.
func (s *Site) manageRound(e *core.RequestEvent) error {
	values, ok, err := s.posted(e)
	if !ok {
		return err
	}
	round, ok, err := s.roundOfFunder(e)
	if !ok {
		return err
	}
	back := "/rounds/" + round.Id + "/manage"
	bid := values.Get("bid")
	var a apiAnswer
	var done string
	f := newForm(e, nil)
	switch values.Get("action") {
	case "open":
		a, err = s.call(e, http.MethodPatch, roundsAPI+"/"+round.Id, map[string]string{"state": hooks.RoundOpen})
		done = "The round is open: councils can see it and bid"
	case "decide":
		a, err = s.call(e, http.MethodPatch, roundsAPI+"/"+round.Id, map[string]string{"state": hooks.RoundDecided})
		done = "The round is decided: every bidder and partner is being told"
	case "shortlist":
		a, err = s.call(e, http.MethodPatch, bidsAPI+"/"+url.PathEscape(bid), map[string]string{"state": hooks.BidShortlisted})
		done = "The bid is shortlisted"
	case "notFunded":
		a, err = s.call(e, http.MethodPatch, bidsAPI+"/"+url.PathEscape(bid), map[string]string{"state": "notFunded"})
		done = "The bid is marked not funded"
	case "award":
		amount, ok := wholeNumber(values.Get("amount"))
		if !ok || amount <= 0 {
			f.add("amount-"+bid, "Enter the award in whole pounds, like 20000")
			return s.showManage(e, http.StatusBadRequest, round, f)
		}
		a, err = s.call(e, http.MethodPost, "/api/pipeline/bids/"+url.PathEscape(bid)+"/award", map[string]int{"amount": amount})
		done = "The bid is funded: " + pounds(amount)
		if err == nil && !a.OK() {
			f.apply(a, nil, map[string]string{"amount": "amount-" + bid})
			return s.showManage(e, a.Status, round, f)
		}
	case "score":
		var criteria []hooks.Criterion
		_ = round.UnmarshalJSONField("criteria", &criteria)
		for i, c := range criteria {
			field := fmt.Sprintf("score-%s-%d", bid, i)
			raw := strings.TrimSpace(values.Get(field))
			if raw == "" {
				continue
			}
			n, err := strconv.Atoi(raw)
			if err != nil || n < 0 || n > 5 {
				f.add(field, "Score "+c.Name+" from 0 to 5")
				continue
			}
			comment := values.Get(fmt.Sprintf("comment-%s-%d", bid, i))
			existing, _ := e.App.FindFirstRecordByFilter(hooks.ColScores, "bid = {:b} && assessor = {:a} && criterion = {:c}",
				map[string]any{"b": bid, "a": e.Auth.Id, "c": c.Name})
			if existing != nil {
				a, err = s.call(e, http.MethodPatch, scoresAPI+"/"+existing.Id, map[string]any{"score": n, "comment": comment})
			} else {
				a, err = s.call(e, http.MethodPost, scoresAPI, map[string]any{"bid": bid, "criterion": c.Name, "score": n, "comment": comment})
			}
			if err != nil {
				return e.InternalServerError("", err)
			}
			if !a.OK() {
				f.apply(a, nil, map[string]string{"bid": field, "score": field, "criterion": field})
			}
		}
		if f.Failed() {
			return s.showManage(e, http.StatusBadRequest, round, f)
		}
		return redirectWith(e, back+"#bid-"+bid, "Your scores are saved")
	default:
		return e.BadRequestError("Unknown action.", nil)
	}
	if err != nil {
		return e.InternalServerError("", err)
	}
	if a.OK() {
		return redirectWith(e, back, done)
	}
	f.apply(a, nil, nil)
	if len(f.Errors) > 0 {
		f.Problem, f.Errors = f.Errors[0].Message, nil
	}
	return s.showManage(e, a.Status, round, f)
}

// bidView is a bid's page.
type bidView struct {
	Bid                       *core.Record
	Round                     *core.Record
	ProjectTitle, ProjectSlug string
	Lead                      string
	Criteria                  []hooks.Criterion
	Answers                   []answerLine
	Partners                  []bidPartnerView
	Confirmed                 int
	IsLead, Draft, Open       bool
	Invitation                *core.Record
	Orgs                      []option
	Scores                    []scoreLine
	// Similar is other councils' work like the bid's project: partners to
	// invite.
	Similar []hooks.SimilarHit
}

type bidPartnerView struct{ ID, Name, State string }

// newBidPage: GET /rounds/{id}/bid.
func (s *Site) newBidPage(e *core.RequestEvent) error {
	if ok, err := requireSignIn(e); !ok {
		return err
	}
	return s.showNewBid(e, http.StatusOK, newForm(e, nil))
}

func (s *Site) showNewBid(e *core.RequestEvent, status int, f *form) error {
	round := viewable(e, hooks.ColRounds, e.Request.PathValue("id"))
	if round == nil {
		return s.notFound(e, "Funding round", "/rounds", "see every funding round")
	}
	me := viewerOf(e)
	var criteria []hooks.Criterion
	_ = round.UnmarshalJSONField("criteria", &criteria)
	var projects []option
	if me.Member {
		list, err := e.App.FindRecordsByFilter(hooks.ColProjects, "organisation = {:o} && visibility = 'published'", "title", 0, 0,
			map[string]any{"o": me.Organisation})
		if err == nil {
			for _, p := range list {
				projects = append(projects, option{Value: p.Id, Label: p.GetString("title"), Chosen: f.Value("project") == p.Id})
			}
		}
	}
	open := round.GetString("state") == hooks.RoundOpen && round.GetDateTime("closesAt").Time().After(time.Now())
	if (!me.Member || !open) && status == http.StatusOK {
		status = http.StatusForbidden
	}
	type critField struct{ Name, Field, Value, Error string }
	var fields []critField
	for i, c := range criteria {
		name := fmt.Sprintf("answer-%d", i)
		fields = append(fields, critField{c.Name, name, f.Value(name), f.Err(name)})
	}
	return s.render(e, status, "bid-new", Page{Title: "Bid for " + round.GetString("title"), Page: "bid-new", Form: f,
		Data: map[string]any{"Round": round, "Allowed": me.Member && open, "Open": open, "Projects": projects, "Criteria": fields}})
}

// createBid: POST /rounds/{id}/bid saves a draft bid.
func (s *Site) createBid(e *core.RequestEvent) error {
	values, ok, err := s.postedSignedIn(e)
	if !ok {
		return err
	}
	round := viewable(e, hooks.ColRounds, e.Request.PathValue("id"))
	if round == nil {
		return s.notFound(e, "Funding round", "/rounds", "see every funding round")
	}
	f := newForm(e, values)
	f.Values.Del("csrf")
	f.required("project", "Choose the project you are bidding with")
	amount, ok := wholeNumber(f.Value("amount"))
	if !ok || amount <= 0 {
		f.add("amount", "Enter the amount you are asking for, in whole pounds")
	}
	var criteria []hooks.Criterion
	_ = round.UnmarshalJSONField("criteria", &criteria)
	answers := map[string]string{}
	for i, c := range criteria {
		answers[c.Name] = strings.TrimSpace(f.Value(fmt.Sprintf("answer-%d", i)))
	}
	if !f.Failed() {
		a, err := s.call(e, http.MethodPost, bidsAPI, map[string]any{"round": round.Id, "project": f.Value("project"), "amount": amount,
			"answers": answers})
		if err != nil {
			return e.InternalServerError("", err)
		}
		if a.OK() {
			var b apiRecord
			if err := a.decode(&b); err != nil {
				return e.InternalServerError("", err)
			}
			return redirectWith(e, "/bids/"+b.ID, "Your bid is saved as a draft. Invite your partners, then submit it")
		}
		f.apply(a, nil, nil)
	}
	return s.showNewBid(e, http.StatusBadRequest, f)
}

// bidPage: GET /bids/{id}, for the lead, invited organisations and the
// funder (once submitted), as the record API lets each see it.
func (s *Site) bidPage(e *core.RequestEvent) error {
	if ok, err := requireSignIn(e); !ok {
		return err
	}
	return s.showBid(e, http.StatusOK, newForm(e, nil))
}

func (s *Site) showBid(e *core.RequestEvent, status int, f *form) error {
	bid := viewable(e, hooks.ColBids, e.Request.PathValue("id"))
	if bid == nil {
		return s.notFound(e, "Bid", "/rounds", "see every funding round")
	}
	round, err := e.App.FindRecordById(hooks.ColRounds, bid.GetString("round"))
	if err != nil {
		return e.InternalServerError("", fmt.Errorf("read the bid's round: %w", err))
	}
	me := viewerOf(e)
	v := bidView{Bid: bid, Round: round, IsLead: me.Organisation == bid.GetString("organisation"), Draft: bid.GetString("state") == hooks.BidDraft}
	v.Open = round.GetString("state") == hooks.RoundOpen && round.GetDateTime("closesAt").Time().After(time.Now())
	if p, err := e.App.FindRecordById(hooks.ColProjects, bid.GetString("project")); err == nil {
		v.ProjectTitle, v.ProjectSlug = p.GetString("title"), p.GetString("slug")
	}
	if o, err := e.App.FindRecordById(hooks.ColOrganisations, bid.GetString("organisation")); err == nil {
		v.Lead = o.GetString("name")
	}
	_ = round.UnmarshalJSONField("criteria", &v.Criteria)
	answers := map[string]string{}
	_ = bid.UnmarshalJSONField("answers", &answers)
	for _, c := range v.Criteria {
		v.Answers = append(v.Answers, answerLine{c.Name, answers[c.Name]})
	}
	partners, _ := e.App.FindRecordsByFilter(hooks.ColBidPartners, "bid = {:b}", "created", 0, 0, map[string]any{"b": bid.Id})
	invited := map[string]bool{bid.GetString("organisation"): true}
	for _, p := range partners {
		name := ""
		if o, err := e.App.FindRecordById(hooks.ColOrganisations, p.GetString("organisation")); err == nil {
			name = o.GetString("name")
		}
		invited[p.GetString("organisation")] = true
		v.Partners = append(v.Partners, bidPartnerView{ID: p.Id, Name: name, State: p.GetString("state")})
		if p.GetString("state") == hooks.PartnerConfirmed {
			v.Confirmed++
		}
		if p.GetString("organisation") == me.Organisation {
			v.Invitation = p
		}
	}
	if v.IsLead && v.Draft && v.Open {
		orgs, err := e.App.FindRecordsByFilter(hooks.ColOrganisations, "", "name", 0, 0)
		if err != nil {
			return e.InternalServerError("", fmt.Errorf("read organisations: %w", err))
		}
		for _, o := range orgs {
			if !invited[o.Id] {
				v.Orgs = append(v.Orgs, option{Value: o.Id, Label: o.GetString("name"), Chosen: f.Value("organisation") == o.Id})
			}
		}
		if v.Similar, err = hooks.Similar(e.App, hooks.SimilarQuery{Project: bid.GetString("project"), ExcludeOrg: bid.GetString("organisation")}); err != nil {
			return e.InternalServerError("", err)
		}
	}
	if round.GetString("state") == hooks.RoundDecided {
		var scores struct {
			Items []struct {
				Criterion string `json:"criterion"`
				Score     int    `json:"score"`
				Comment   string `json:"comment"`
			} `json:"items"`
		}
		if err := s.listAPI(e, hooks.ColScores, url.Values{"filter": {"bid = '" + bid.Id + "'"}, "perPage": {"500"}, "skipTotal": {"1"}}, &scores); err == nil {
			for _, sc := range scores.Items {
				v.Scores = append(v.Scores, scoreLine{Criterion: sc.Criterion, Score: strconv.Itoa(sc.Score), Comment: sc.Comment})
			}
		}
	}
	return s.render(e, status, "bid", Page{Title: "Bid: " + v.ProjectTitle, Page: "bid", Form: f, Data: v})
}

// bidAct: POST /bids/{id}, the lead's and the invited organisations'
// actions on a bid.
func (s *Site) bidAct(e *core.RequestEvent) error {
	values, ok, err := s.postedSignedIn(e)
	if !ok {
		return err
	}
	bid := viewable(e, hooks.ColBids, e.Request.PathValue("id"))
	if bid == nil {
		return s.notFound(e, "Bid", "/rounds", "see every funding round")
	}
	back := "/bids/" + bid.Id
	f := newForm(e, url.Values{"organisation": {values.Get("organisation")}})
	var a apiAnswer
	var done string
	switch values.Get("action") {
	case "invite":
		f.required("organisation", "Choose the organisation to invite")
		if f.Failed() {
			return s.showBid(e, http.StatusBadRequest, f)
		}
		a, err = s.call(e, http.MethodPost, bidPartnersAPI, map[string]string{"bid": bid.Id, "organisation": f.Value("organisation")})
		done = "The organisation is invited: its officers are being told"
	case "confirm", "decline":
		state := hooks.PartnerConfirmed
		done = "Your organisation is a partner in this bid"
		if values.Get("action") == "decline" {
			state, done = hooks.PartnerDeclined, "Your organisation has declined to be a partner in this bid"
		}
		a, err = s.call(e, http.MethodPatch, bidPartnersAPI+"/"+url.PathEscape(values.Get("partner")), map[string]string{"state": state})
	case "submit":
		a, err = s.call(e, http.MethodPost, "/api/pipeline/bids/"+bid.Id+"/submit", nil)
		done = "Your bid is submitted to the funder"
	case "withdraw":
		a, err = s.call(e, http.MethodPatch, bidsAPI+"/"+bid.Id, map[string]string{"state": hooks.BidWithdrawn})
		done = "Your bid is withdrawn"
	default:
		return e.BadRequestError("Unknown action.", nil)
	}
	if err != nil {
		return e.InternalServerError("", err)
	}
	if a.OK() {
		return redirectWith(e, back, done)
	}
	f.apply(a, nil, nil)
	// The submit route's refusals name the bid's own fields; say them above the page.
	var msgs []string
	for _, fe := range f.Errors {
		if fe.Field != "organisation" {
			msgs = append(msgs, fe.Message)
		}
	}
	if len(msgs) > 0 {
		f.Problem, f.Errors = strings.Join(msgs, ". "), nil
	}
	return s.showBid(e, a.Status, f)
}

// awardsOf is a project's awards from decided rounds (projects.funding).
func awardsOf(p *core.Record) []hooks.Award {
	var out []hooks.Award
	if raw := p.GetString("funding"); raw != "" && raw != "null" {
		_ = json.Unmarshal([]byte(raw), &out)
	}
	return out
}
