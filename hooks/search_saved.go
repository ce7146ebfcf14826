package hooks

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// SavedFilters are a saved search's filters, named as in the address of
// the projects list.
type SavedFilters struct {
	Phase        []string `json:"phase,omitempty"`
	Organisation string   `json:"organisation,omitempty"`
	Nation       string   `json:"nation,omitempty"`
	Region       string   `json:"region,omitempty"`
	Seeking      []string `json:"seeking,omitempty"`
}

func (f SavedFilters) empty() bool {
	return len(f.Phase) == 0 && len(f.Seeking) == 0 && f.Organisation == "" && f.Nation == "" && f.Region == ""
}

func markPublished(p *core.Record) {
	if p.GetString("visibility") == VisibilityPublished && p.GetDateTime("publishedAt").IsZero() {
		p.Set("publishedAt", Stamp(time.Now()))
	}
}

// MatchSavedSearches tells, at now, the owners of saved searches about
// newly published projects that match them (other organisations' projects
// only). Each project is checked once. It returns the notifications made.
func MatchSavedSearches(app core.App, now time.Time) (int, error) {
	fresh, err := app.FindRecordsByFilter(ColProjects,
		"visibility = 'published' && publishedAt != '' && savedSearchesCheckedAt = ''", "publishedAt", 500, 0)
	if err != nil {
		return 0, fmt.Errorf("find new projects: %w", err)
	}
	if len(fresh) == 0 {
		return 0, nil
	}
	searches, err := app.FindAllRecords(ColSavedSearches)
	if err != nil {
		return 0, fmt.Errorf("find saved searches: %w", err)
	}
	told := 0
	for _, p := range fresh {
		err := app.RunInTransaction(func(tx core.App) error {
			for _, s := range searches {
				u, err := tx.FindRecordById(ColUsers, s.GetString("user"))
				if err != nil || u.GetString("organisation") == p.GetString("organisation") {
					continue
				}
				if ok, err := savedSearchMatches(tx, s, p.Id); err != nil || !ok {
					continue
				}
				err = notify(tx, Notice{
					Kind: KindSavedSearchMatch, Project: p.Id, URL: projectPath(p),
					Title: fmt.Sprintf("New project for your search “%s”: %s", s.GetString("name"), p.GetString("title")),
					Body:  p.GetString("summary"),
				}, "", u.Id)
				if err != nil {
					return err
				}
				told++
			}
			_, err := tx.DB().Update(ColProjects, dbx.Params{"savedSearchesCheckedAt": Stamp(now).String()}, dbx.HashExp{"id": p.Id}).Execute()
			return err
		})
		if err != nil {
			return told, fmt.Errorf("match saved searches for %s: %w", p.Id, err)
		}
	}
	return told, nil
}

// savedSearchMatches runs a saved search narrowed to one project.
func savedSearchMatches(app core.App, s *core.Record, projectId string) (bool, error) {
	var f SavedFilters
	_ = json.Unmarshal([]byte(s.GetString("filters")), &f)
	params := SearchParams{
		Query: s.GetString("query"), Organisation: f.Organisation, Nation: f.Nation, Region: f.Region,
		Phases:  slices.DeleteFunc(f.Phase, func(p string) bool { return !slices.Contains(Phases, p) }),
		Seeking: f.Seeking, OnlyProject: projectId, Dormant: true, PerPage: 1,
	}
	res, err := Search(app, params)
	if err != nil {
		return false, err
	}
	return res.TotalItems > 0, nil
}

// guardSavedSearchCreate saves a search for the caller only.
func guardSavedSearchCreate(e *core.RecordRequestEvent) error {
	c := callerOf(e.RequestEvent)
	if !c.superuser {
		if err := guardFields(e.Record, "name", "query", "filters", "user"); err != nil {
			return badRequest(e.RequestEvent, err)
		}
		e.Record.Set("user", c.id())
	}
	return e.Next()
}

// guardSavedSearchUpdate lets the owner change what is searched for, not
// whose search it is.
func guardSavedSearchUpdate(e *core.RecordRequestEvent) error {
	if !e.HasSuperuserAuth() {
		if err := guardFields(e.Record, "name", "query", "filters"); err != nil {
			return badRequest(e.RequestEvent, err)
		}
	}
	return e.Next()
}

// validateSavedSearch refuses filters that cannot be read and a search for
// nothing at all.
func validateSavedSearch(e *core.RecordEvent) error {
	var f SavedFilters
	if raw := e.Record.GetString("filters"); raw != "" && raw != "null" {
		if err := json.Unmarshal([]byte(raw), &f); err != nil {
			return mergeValidation(fieldError("filters", "pipeline_invalid_filters", "The filters could not be read."), e.Next())
		}
	}
	if e.Record.GetString("query") == "" && f.empty() {
		return mergeValidation(fieldError("query", "pipeline_empty_search", "Enter some words to search for, or choose a filter."), e.Next())
	}
	return e.Next()
}

// markPublishedOnSave stamps the moment a project is first published,
// which is when saved searches hear of it.
func markPublishedOnSave(e *core.RecordEvent) error {
	markPublished(e.Record)
	return e.Next()
}
