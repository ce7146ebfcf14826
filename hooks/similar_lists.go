package hooks

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks/similarity"
)

// similarListLength is how many similar projects are stored for each
// project; asking for more ranks them at once instead.
const similarListLength = 12

// similarBatch is how many stored lists one run of refresh_similar computes.
const similarBatch = 2000

// similarDrift is the share by which the number of public projects may
// change before every stored list is computed again (their scores depend
// on how rare words are among them).
const similarDrift = 0.05

// storedItem is one entry of a stored list.
type storedItem struct {
	Id     string   `json:"id"`
	Score  float64  `json:"score"`
	Shared []string `json:"shared,omitempty"`
}

// storedSimilar is project's stored list, if it is current.
func storedSimilar(app core.App, project string) ([]similarity.Hit, bool, error) {
	var row struct {
		Items string `db:"items"`
		Dirty int    `db:"dirty"`
	}
	err := app.DB().Select("items", "dirty").From("projects_similar").Where(dbx.HashExp{"project": project}).One(&row)
	if err != nil || row.Dirty != 0 {
		return nil, false, nil // not stored yet, or due: ranked at once
	}
	var items []storedItem
	if err := json.Unmarshal([]byte(row.Items), &items); err != nil {
		return nil, false, fmt.Errorf("read the similar list of %s: %w", project, err)
	}
	hits := make([]similarity.Hit, len(items))
	for i, it := range items {
		hits[i] = similarity.Hit{ID: it.Id, Score: it.Score, Shared: it.Shared}
	}
	return hits, true, nil
}

// markSimilarDue marks the stored lists of projects as due, adding a row
// for any project that has none yet. A list is due while its counter is
// above zero; a run that computed it lowers the counter only if nothing
// marked it again meanwhile.
func markSimilarDue(app core.App, projects []string) error {
	if len(projects) == 0 {
		return nil
	}
	return app.RunInTransaction(func(tx core.App) error {
		add := tx.DB().NewQuery("INSERT OR IGNORE INTO projects_similar (project) VALUES ({:p})").Prepare()
		defer add.Close()
		mark := tx.DB().NewQuery("UPDATE projects_similar SET dirty = dirty + 1 WHERE project = {:p}").Prepare()
		defer mark.Close()
		seen := map[string]bool{}
		for _, p := range projects {
			if seen[p] {
				continue
			}
			seen[p] = true
			if _, err := add.Bind(dbx.Params{"p": p}).Execute(); err != nil {
				return fmt.Errorf("add similar list: %w", err)
			}
			if _, err := mark.Bind(dbx.Params{"p": p}).Execute(); err != nil {
				return fmt.Errorf("mark similar list due: %w", err)
			}
		}
		return nil
	})
}

// RefreshSimilar computes the stored similar lists that are due, at most
// similarBatch a run, and marks every list due when the number of public
// projects has moved by more than similarDrift since they were last all
// computed. It returns the lists computed.
func RefreshSimilar(app core.App, now time.Time) (int, error) {
	ix, err := similarIndexOf(app)
	if err != nil {
		return 0, err
	}
	if err := checkSimilarDrift(app); err != nil {
		return 0, err
	}
	var due []struct {
		Project      string `db:"project"`
		Dirty        int    `db:"dirty"`
		Organisation string `db:"organisation"`
	}
	err = app.DB().NewQuery(`SELECT s.project, s.dirty, p.organisation FROM projects_similar s
		JOIN projects p ON p.id = s.project WHERE s.dirty > 0 LIMIT {:n}`).Bind(dbx.Params{"n": similarBatch}).All(&due)
	if err != nil {
		return 0, fmt.Errorf("find similar lists due: %w", err)
	}
	if len(due) == 0 {
		return 0, nil
	}
	stamp := Stamp(now).String()
	err = app.RunInTransaction(func(tx core.App) error {
		write := tx.DB().NewQuery(`UPDATE projects_similar SET items = {:items}, computedAt = {:at},
			dirty = dirty - {:was} WHERE project = {:p}`).Prepare()
		defer write.Close()
		for _, d := range due {
			hits := ix.Similar(similarity.Query{ID: d.Project, ExcludeOrg: d.Organisation, Limit: similarListLength,
				MinScore: similarity.DefaultMinScore})
			items := make([]storedItem, len(hits))
			for i, h := range hits {
				items[i] = storedItem{Id: h.ID, Score: math.Round(h.Score*1e4) / 1e4, Shared: h.Shared}
			}
			raw, _ := json.Marshal(items) // plain strings and numbers
			if _, err := write.Bind(dbx.Params{"items": string(raw), "at": stamp, "was": d.Dirty, "p": d.Project}).Execute(); err != nil {
				return fmt.Errorf("store the similar list of %s: %w", d.Project, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(due), nil
}

// checkSimilarDrift marks every stored list due when the number of public
// projects has moved by more than similarDrift since the last time.
func checkSimilarDrift(app core.App) error {
	var public int
	if err := app.DB().Select("COUNT(*)").From(ColProjects).Where(dbx.HashExp{"visibility": VisibilityPublished}).Row(&public); err != nil {
		return fmt.Errorf("count public projects: %w", err)
	}
	var was string
	_ = app.DB().Select("value").From("projects_similar_state").Where(dbx.HashExp{"key": "public"}).Row(&was)
	before, err := strconv.Atoi(was)
	if err == nil && math.Abs(float64(public-before)) <= similarDrift*float64(max(before, 1)) {
		return nil
	}
	return app.RunInTransaction(func(tx core.App) error {
		if _, err := tx.DB().NewQuery("UPDATE projects_similar SET dirty = dirty + 1").Execute(); err != nil {
			return fmt.Errorf("mark similar lists due: %w", err)
		}
		_, err := tx.DB().NewQuery("INSERT OR REPLACE INTO projects_similar_state (key, value) VALUES ('public', {:n})").
			Bind(dbx.Params{"n": strconv.Itoa(public)}).Execute()
		return err
	})
}
