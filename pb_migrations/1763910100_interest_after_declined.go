package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// A declined interest stays declined: the officer who was declined may
// express a new interest in the project only after interestRetryDays (in
// the config record), and the new interest names the declined one in
// previous. declinedAt is when the project's team declined. An officer
// has at most one interest in a project that is not declined.
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("interests")
		if err != nil {
			return fmt.Errorf("find interests: %w", err)
		}
		c.Fields.Add(
			&core.RelationField{Name: "previous", CollectionId: c.Id, MaxSelect: 1,
				Help: "The declined interest, of the same officer in the same project, that this one follows."},
			&core.DateField{Name: "declinedAt", Help: "When the project's team declined this interest."},
		)
		c.RemoveIndex("idx_interests_project_user")
		c.AddIndex("idx_interests_project_user", true, "project, user", "state != 'declined'")
		if err := save(app, c); err != nil {
			return err
		}
		if _, err := app.DB().NewQuery(`UPDATE interests SET declinedAt = updated WHERE state = 'declined' AND declinedAt = ''`).Execute(); err != nil {
			return fmt.Errorf("date earlier declines: %w", err)
		}
		cfg, err := app.FindCollectionByNameOrId("config")
		if err != nil {
			return fmt.Errorf("find config: %w", err)
		}
		cfg.Fields.Add(&core.NumberField{Name: "interestRetryDays", OnlyInt: true, Required: true, Min: types.Pointer(1.0), Max: types.Pointer(3650.0),
			Help: "Days after an interest is declined before the same officer may express a new interest in the project."})
		if err := save(app, cfg); err != nil {
			return err
		}
		recs, err := app.FindAllRecords(cfg)
		if err != nil {
			return fmt.Errorf("read config: %w", err)
		}
		for _, r := range recs {
			r.Set("interestRetryDays", 90)
			if err := app.Save(r); err != nil {
				return fmt.Errorf("save config: %w", err)
			}
		}
		return nil
	}, nil)
}
