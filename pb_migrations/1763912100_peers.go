package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// peers are the other Pipeline instances this one federates with (issue
// 18), kept by coordinators and superusers: a peer's address (its
// Application URL, https) and whether it is trusted, pending or blocked.
// Only coordinators see them.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		c := core.NewBaseCollection("peers")
		c.Fields.Add(
			&core.URLField{Name: "url", Required: true, Presentable: true},
			&core.SelectField{Name: "state", Required: true, MaxSelect: 1, Values: []string{"pending", "trusted", "blocked"}},
			&core.TextField{Name: "note", Max: 2000},
			&core.RelationField{Name: "addedBy", CollectionId: users.Id, MaxSelect: 1},
		)
		c.Fields.Add(timestamps()...)
		c.AddIndex("idx_peers_url", true, "url", "")
		c.AddIndex("idx_peers_state", false, "state", "")
		c.ListRule = types.Pointer(ruleCoordinator)
		c.ViewRule = c.ListRule
		c.CreateRule = c.ListRule
		c.UpdateRule = c.ListRule
		c.DeleteRule = c.ListRule
		return save(app, c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("peers")
		if err != nil {
			return nil
		}
		return app.Delete(c)
	})
}
