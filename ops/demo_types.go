package ops

import "pipeline/hooks"

// demoUser is one demo account. Key names it within the demo content.
type demoUser struct {
	Key, Name, Email, JobTitle, Org, Role string
}

// demoUpdate is one status update on a demo project.
type demoUpdate struct {
	DaysAgo   int
	AuthorKey string
	Body      string
	PhaseTo   string // "" when the update does not move the phase
}

// demoInterest is one officer's interest in a demo project.
type demoInterest struct {
	UserKey, Kind, Message, State string
	DaysAgo                       int
}

// demoPledge is one organisation's pledge to a demo project's call.
type demoPledge struct {
	UserKey       string
	Funding, Days int
	Note          string
}

// demoCall is a partner call on a demo project.
type demoCall struct {
	Description                         string
	GoalPartners, GoalFunding, GoalDays int
	DeadlineInDays                      int
	Pledges                             []demoPledge
}

// demoProject is one demo project. Dates are relative to the moment the
// demo is loaded, so the demo always looks current.
type demoProject struct {
	Org, OwnerKey                 string // council slug; demoUser.Key
	Title, Summary, Description   string
	Phase, Visibility, BudgetBand string
	Seeking, Tags                 []string
	Links                         []hooks.Link
	Partners                      []string // council slugs
	PhaseStartedDaysAgo           int
	PhaseEndsInDays               int // 0: no end date
	IdleDays                      int // days since anyone last confirmed or updated it
	Updates                       []demoUpdate
	Interests                     []demoInterest
	Call                          *demoCall
}
