package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// An organisation's portfolio (/portfolio): every project, drafts too, in
// a table sorted by any column (?sort=…&dir=…, links), with its freshness,
// last update, interest, followers and open call; downloadable as CSV.
// Officers see their own organisation; coordinators may choose any
// (?organisation=<slug>, a GET form).

// portfolioView is the page.
type portfolioView struct {
	Refused     string
	Coordinator bool
	Orgs        []option
	Own         bool
	Problem     string
	Data        *hooks.Portfolio
	Published   int
	Chased      int
	Columns     []portfolioColumn
	Items       []hooks.PortfolioItem
	CSV         string
}

// portfolioColumn is a column heading: a link that sorts by it.
type portfolioColumn struct {
	Key, Label, Href, Sort string
	Numeric                bool
}

var portfolioColumns = [][2]string{{"title", "Project"}, {"phase", "Phase"}, {"visibility", "Visibility"}, {"freshness", "Freshness"},
	{"lastUpdateAt", "Last update"}, {"interestCount", "Interest"}, {"followerCount", "Followers"}, {"openCall", "Open call"}}

var freshnessOrder = map[string]int{"active": 0, "stale": 1, "dormant": 2}

func init() {
	funcs["portfolioFresh"] = func(f string) [2]string {
		switch f {
		case "active":
			return [2]string{"Up to date", "govuk-tag--green"}
		case "stale":
			return [2]string{"Being chased", "govuk-tag--yellow"}
		case "dormant":
			return [2]string{"Dormant", "govuk-tag--grey"}
		}
		return [2]string{f, ""}
	}
}

// portfolioPage: GET /portfolio.
func (s *Site) portfolioPage(e *core.RequestEvent) error {
	if ok, err := requireSignIn(e); !ok {
		return err
	}
	me := viewerOf(e)
	q := e.Request.URL.Query()
	v := portfolioView{Coordinator: me.Coordinator}
	title := "Your organisation's portfolio"
	if !me.Approved {
		v.Refused = "Only approved members of an organisation can see its portfolio."
		if me.Pending {
			v.Refused = "Your request to join your organisation is waiting for approval. You can see its portfolio once an admin of your organisation, or a Pipeline coordinator, approves it."
		}
		return s.render(e, http.StatusForbidden, "portfolio", Page{Title: title, Page: "portfolio", Data: v})
	}
	wanted := ""
	if me.Coordinator {
		wanted = strings.TrimSpace(q.Get("organisation"))
		orgs, err := e.App.FindRecordsByFilter(hooks.ColOrganisations, "", "name", 0, 0)
		if err != nil {
			return e.InternalServerError("", fmt.Errorf("read organisations: %w", err))
		}
		for _, o := range orgs {
			v.Orgs = append(v.Orgs, option{Value: o.GetString("slug"), Label: o.GetString("name"), Chosen: o.GetString("slug") == wanted})
		}
	}
	status := http.StatusOK
	switch {
	case wanted == "" && me.Organisation == "":
		v.Problem = "You do not belong to an organisation. Choose one to see its portfolio."
		title = "Organisation portfolio"
	default:
		path := "/api/pipeline/portfolio"
		if wanted != "" {
			path += "?organisation=" + url.QueryEscape(wanted)
		}
		a, err := s.call(e, http.MethodGet, path, nil)
		if err != nil {
			return e.InternalServerError("", err)
		}
		switch {
		case a.Status == http.StatusNotFound:
			v.Problem, status = "There is no organisation at that address. Choose one from the list.", http.StatusNotFound
		case !a.OK():
			v.Refused, status = "Only approved members of an organisation can see its portfolio.", a.Status
		default:
			var p hooks.Portfolio
			if err := a.decode(&p); err != nil {
				return e.InternalServerError("", err)
			}
			v.Data = &p
			v.Own = p.Organisation.Id == me.Organisation
			if !v.Own {
				title = "Organisation portfolio"
			}
			title += ": " + p.Organisation.Name
			v.CSV = "/api/pipeline/portfolio.csv"
			if wanted != "" {
				v.CSV += "?organisation=" + url.QueryEscape(wanted)
			}
			for _, it := range p.Items {
				if it.Visibility == hooks.VisibilityPublished {
					v.Published++
				}
				if it.Freshness == "stale" || it.Freshness == "dormant" {
					v.Chased++
				}
			}
			v.Items, v.Columns = sortPortfolio(p.Items, q)
		}
	}
	return s.render(e, status, "portfolio", Page{Title: title, Page: "portfolio", Data: v})
}

// sortPortfolio sorts the items by the address's column and direction
// (ties keep title order), and makes each heading a link to sort by it.
func sortPortfolio(items []hooks.PortfolioItem, q url.Values) ([]hooks.PortfolioItem, []portfolioColumn) {
	key, dir := q.Get("sort"), q.Get("dir")
	if !slices.ContainsFunc(portfolioColumns, func(c [2]string) bool { return c[0] == key }) {
		key = "title"
	}
	if dir != "descending" {
		dir = "ascending"
	}
	byTitle := func(a, b hooks.PortfolioItem) int {
		return strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title))
	}
	by := map[string]func(a, b hooks.PortfolioItem) int{
		"title": byTitle,
		"phase": func(a, b hooks.PortfolioItem) int {
			return slices.Index(phases, a.Phase) - slices.Index(phases, b.Phase)
		},
		"visibility":    func(a, b hooks.PortfolioItem) int { return strings.Compare(a.Visibility, b.Visibility) },
		"freshness":     func(a, b hooks.PortfolioItem) int { return freshnessOrder[a.Freshness] - freshnessOrder[b.Freshness] },
		"lastUpdateAt":  func(a, b hooks.PortfolioItem) int { return strings.Compare(a.LastUpdateAt, b.LastUpdateAt) },
		"interestCount": func(a, b hooks.PortfolioItem) int { return a.InterestCount - b.InterestCount },
		"followerCount": func(a, b hooks.PortfolioItem) int { return a.FollowerCount - b.FollowerCount },
		"openCall": func(a, b hooks.PortfolioItem) int {
			p := func(i hooks.PortfolioItem) int {
				if i.OpenCall == nil {
					return -1
				}
				return i.OpenCall.Progress
			}
			return p(a) - p(b)
		},
	}
	sign := 1
	if dir == "descending" {
		sign = -1
	}
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b hooks.PortfolioItem) int {
		if c := sign * by[key](a, b); c != 0 {
			return c
		}
		return byTitle(a, b)
	})
	var cols []portfolioColumn
	for _, c := range portfolioColumns {
		col := portfolioColumn{Key: c[0], Label: c[1], Sort: "none", Numeric: c[0] == "interestCount" || c[0] == "followerCount"}
		next := url.Values{}
		if o := q.Get("organisation"); o != "" {
			next.Set("organisation", o)
		}
		next.Set("sort", c[0])
		next.Set("dir", "ascending")
		if c[0] == key {
			col.Sort = dir
			if dir == "ascending" {
				next.Set("dir", "descending")
			}
		}
		col.Href = "/portfolio?" + next.Encode() + "#portfolio-table"
		cols = append(cols, col)
	}
	return out, cols
}
