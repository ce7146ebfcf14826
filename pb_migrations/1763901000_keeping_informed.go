package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Fields and configuration for delivery, digests and chasing: the state the
// time-based jobs keep, and the thresholds a superuser can change in the
// dashboard (collection "config", one record).
func init() {
	m.Register(addKeepingInformed, removeKeepingInformed)
}

func addKeepingInformed(app core.App) error {
	notifications, err := app.FindCollectionByNameOrId("notifications")
	if err != nil {
		return fmt.Errorf("find notifications: %w", err)
	}
	notifications.Fields.Add(
		&core.DateField{Name: "nextAttemptAt"},
		&core.DateField{Name: "sendingAt"},
		&core.TextField{Name: "lastError", Max: 1000},
		&core.BoolField{Name: "urgent"},
	)
	notifications.AddIndex("idx_notifications_delivery", false, "emailState, nextAttemptAt", "")
	if err := save(app, notifications); err != nil {
		return err
	}

	projects, err := app.FindCollectionByNameOrId("projects")
	if err != nil {
		return fmt.Errorf("find projects: %w", err)
	}
	projects.Fields.Add(
		&core.NumberField{Name: "chaseStage", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(4.0)},
		&core.DateField{Name: "chasedAt"},
		&core.DateField{Name: "phaseEndNudgedFor"},
		&core.DateField{Name: "assessmentNudgedFor"},
	)
	projects.AddIndex("idx_projects_chaseStage", false, "chaseStage", "")
	if err := save(app, projects); err != nil {
		return err
	}

	interests, err := app.FindCollectionByNameOrId("interests")
	if err != nil {
		return fmt.Errorf("find interests: %w", err)
	}
	interests.Fields.Add(
		&core.DateField{Name: "remindedAt"},
		&core.DateField{Name: "escalatedAt"},
		&core.DateField{Name: "checkedAt"},
	)
	if err := save(app, interests); err != nil {
		return err
	}

	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return fmt.Errorf("find users: %w", err)
	}
	users.Fields.Add(
		&core.RelationField{Name: "mutedProjects", CollectionId: projects.Id, MaxSelect: 1000},
		&core.DateField{Name: "lastDigestAt"},
	)
	if err := save(app, users); err != nil {
		return err
	}
	return createConfig(app)
}

func createConfig(app core.App) error {
	days := func(name string, help string) core.Field {
		return &core.NumberField{Name: name, OnlyInt: true, Required: true, Min: types.Pointer(1.0), Max: types.Pointer(3650.0), Help: help}
	}
	c := core.NewBaseCollection("config")
	c.Fields.Add(
		days("chaseAfterDays", "Days without confirmation or activity before a project's owner is asked if it is still accurate."),
		days("chaseReminderDays", "Days after the first chase before the owner is reminded."),
		days("chaseAdminsDays", "Days after the reminder before the organisation's admins are copied."),
		days("chaseDormantDays", "Days after the admins are copied before the project becomes dormant."),
		days("interestReminderDays", "Days an interest may stay unanswered before the owner is reminded."),
		days("interestEscalateDays", "Days an interest may stay unanswered before coordinators are told."),
		days("interestCheckDays", "Days without activity before both sides of an acknowledged or collaborating interest are asked if it is still going."),
		&core.NumberField{Name: "coalesceMinutes", OnlyInt: true, Required: true, Min: types.Pointer(1.0), Max: types.Pointer(1440.0),
			Help: "For people who want emails immediately: at most one email about a project in this many minutes."},
		&core.NumberField{Name: "digestHour", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(23.0),
			Help: "Hour of the day (UTC) from which daily and weekly digests are sent."},
		&core.NumberField{Name: "weeklyDigestDay", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(6.0),
			Help: "Day of the week for weekly digests: 0 Sunday, 1 Monday … 6 Saturday."},
		days("linkExpiryDays", "Days that one-click links in emails (confirm, unsubscribe) keep working."),
		&core.TextField{Name: "linkSecret", Hidden: true, Min: 32, Max: 128, AutogeneratePattern: `[a-zA-Z0-9]{64}`,
			Help: "Signs one-click links. Changing it makes every link already sent stop working."},
	)
	c.Fields.Add(timestamps()...)
	// Superusers only: the collection is edited in the dashboard.
	c.ListRule, c.ViewRule, c.CreateRule, c.UpdateRule, c.DeleteRule = nil, nil, nil, nil, nil
	if err := save(app, c); err != nil {
		return err
	}
	rec := core.NewRecord(c)
	for field, value := range map[string]int{
		"chaseAfterDays": 90, "chaseReminderDays": 14, "chaseAdminsDays": 14, "chaseDormantDays": 14,
		"interestReminderDays": 7, "interestEscalateDays": 21, "interestCheckDays": 60,
		"coalesceMinutes": 60, "digestHour": 7, "weeklyDigestDay": 1, "linkExpiryDays": 30,
	} {
		rec.Set(field, value)
	}
	if err := app.Save(rec); err != nil {
		return fmt.Errorf("save default config: %w", err)
	}
	return nil
}

func removeKeepingInformed(app core.App) error {
	if c, err := app.FindCollectionByNameOrId("config"); err == nil {
		if err := app.Delete(c); err != nil {
			return fmt.Errorf("drop config: %w", err)
		}
	}
	for name, fields := range map[string][]string{
		"notifications": {"nextAttemptAt", "sendingAt", "lastError", "urgent"},
		"projects":      {"chaseStage", "chasedAt", "phaseEndNudgedFor", "assessmentNudgedFor"},
		"interests":     {"remindedAt", "escalatedAt", "checkedAt"},
		"users":         {"mutedProjects", "lastDigestAt"},
	} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return fmt.Errorf("find %s: %w", name, err)
		}
		for _, f := range fields {
			c.Fields.RemoveByName(f)
		}
		c.RemoveIndex("idx_notifications_delivery")
		c.RemoveIndex("idx_projects_chaseStage")
		if err := save(app, c); err != nil {
			return err
		}
	}
	return nil
}
