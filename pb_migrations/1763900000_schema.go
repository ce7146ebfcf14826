// Package pb_migrations holds Pipeline's schema, access rules, settings and
// seed data as Go migrations. Files are append-only: the file name is the
// migration's key in the history, so a released file is never renamed or
// changed; later changes come as new files.
package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Rule fragments shared by the access rules below. Superusers bypass every
// rule; a nil rule means "superusers only".
const (
	ruleApproved    = `@request.auth.membership = "approved"`
	ruleCoordinator = `(@request.auth.role = "coordinator" && @request.auth.membership = "approved")`
	ruleOrgAdmin    = `(@request.auth.role = "orgAdmin" && @request.auth.membership = "approved")`
)

func init() {
	m.Register(createSchema, dropSchema)
}

func timestamps() []core.Field {
	return []core.Field{
		&core.AutodateField{Name: "created", OnCreate: true},
		&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
	}
}

func createSchema(app core.App) error {
	orgs, err := createOrganisations(app)
	if err != nil {
		return err
	}
	users, err := extendUsers(app, orgs)
	if err != nil {
		return err
	}
	projects, err := createProjects(app, orgs, users)
	if err != nil {
		return err
	}
	if err := createUpdates(app, projects, users); err != nil {
		return err
	}
	if err := createInterests(app, projects, users, orgs); err != nil {
		return err
	}
	calls, err := createCalls(app, projects)
	if err != nil {
		return err
	}
	if err := createPledges(app, calls, orgs, users); err != nil {
		return err
	}
	return createNotifications(app, projects, users)
}

func save(app core.App, c *core.Collection) error {
	if err := app.Save(c); err != nil {
		return fmt.Errorf("save collection %s: %w", c.Name, err)
	}
	return nil
}

func createOrganisations(app core.App) (*core.Collection, error) {
	c := core.NewBaseCollection("organisations")
	c.Fields.Add(
		&core.TextField{Name: "name", Required: true, Max: 200, Presentable: true},
		&core.TextField{Name: "shortName", Max: 100},
		&core.TextField{Name: "slug", Required: true, Max: 100, Pattern: `^[a-z0-9]+(-[a-z0-9]+)*$`},
		&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: []string{
			"county", "district", "unitary", "metropolitanDistrict", "londonBorough",
			"cityCorporation", "combinedAuthority", "strategicAuthority",
			"parish", "fireAndRescue", "police", "nhs", "nationalGovernment", "network", "other",
		}},
		&core.SelectField{Name: "nation", MaxSelect: 1, Values: []string{"england", "scotland", "wales", "northernIreland"}},
		&core.TextField{Name: "region", Max: 100},
		&core.TextField{Name: "gssCode", Max: 9, Pattern: `^[ENSWK][0-9]{8}$`},
		&core.TextField{Name: "code", Max: 10},
		&core.JSONField{Name: "emailDomains", MaxSize: 20000},
		&core.URLField{Name: "website"},
		&core.TextField{Name: "description", Max: 2000},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_organisations_slug", true, "slug", "")
	c.AddIndex("idx_organisations_gssCode", true, "gssCode", "gssCode != ''")
	c.AddIndex("idx_organisations_name", false, "name", "")
	c.AddIndex("idx_organisations_nation_region", false, "nation, region", "")
	c.AddIndex("idx_organisations_kind", false, "kind", "")

	c.ListRule = types.Pointer("")
	c.ViewRule = types.Pointer("")
	c.CreateRule = types.Pointer(ruleCoordinator)
	c.UpdateRule = types.Pointer(ruleCoordinator + ` || (` + ruleOrgAdmin + ` && id = @request.auth.organisation)`)
	c.DeleteRule = nil
	return c, save(app, c)
}

func extendUsers(app core.App, orgs *core.Collection) (*core.Collection, error) {
	c, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	c.Fields.Add(
		&core.RelationField{Name: "organisation", CollectionId: orgs.Id, MaxSelect: 1},
		&core.SelectField{Name: "role", Required: true, MaxSelect: 1, Values: []string{"officer", "orgAdmin", "coordinator"}},
		&core.SelectField{Name: "membership", Required: true, MaxSelect: 1, Values: []string{"pending", "approved", "declined"}},
		&core.TextField{Name: "jobTitle", Max: 150},
		&core.SelectField{Name: "emailFrequency", Required: true, MaxSelect: 1, Values: []string{"immediate", "daily", "weekly", "off"}},
	)
	// The default users collection has a 255-character name; a person's
	// name is required here because other councils see it.
	if f, ok := c.Fields.GetByName("name").(*core.TextField); ok {
		f.Max = 200
		f.Required = true
	}
	c.AddIndex("idx_users_organisation_membership", false, "organisation, membership", "")
	c.AddIndex("idx_users_role", false, "role", "")

	self := `id = @request.auth.id`
	c.ListRule = types.Pointer(self + ` || (` + ruleApproved + ` && (membership = "approved" || ` + ruleCoordinator +
		` || (` + ruleOrgAdmin + ` && organisation = @request.auth.organisation)))`)
	c.ViewRule = c.ListRule
	c.CreateRule = types.Pointer("")
	c.UpdateRule = types.Pointer(self + ` || ` + ruleCoordinator + ` || (` + ruleOrgAdmin + ` && organisation = @request.auth.organisation)`)
	c.DeleteRule = types.Pointer(self)
	return c, save(app, c)
}

func createProjects(app core.App, orgs, users *core.Collection) (*core.Collection, error) {
	c := core.NewBaseCollection("projects")
	c.Fields.Add(
		&core.TextField{Name: "title", Required: true, Min: 3, Max: 200, Presentable: true},
		&core.TextField{Name: "slug", Required: true, Max: 120, Pattern: `^[a-z0-9]+(-[a-z0-9]+)*$`},
		&core.TextField{Name: "summary", Required: true, Max: 300},
		&core.TextField{Name: "description", Max: 20000},
		&core.RelationField{Name: "organisation", CollectionId: orgs.Id, Required: true, MaxSelect: 1},
		&core.RelationField{Name: "partners", CollectionId: orgs.Id, MaxSelect: 100},
		&core.RelationField{Name: "owner", CollectionId: users.Id, MaxSelect: 1},
		&core.TextField{Name: "contactName", Max: 200},
		&core.EmailField{Name: "contactEmail"},
		&core.SelectField{Name: "phase", Required: true, MaxSelect: 1, Values: []string{"concept", "discovery", "alpha", "beta", "live", "retired"}},
		&core.DateField{Name: "phaseStart"},
		&core.DateField{Name: "phaseEnd"},
		&core.DateField{Name: "nextAssessment"},
		&core.SelectField{Name: "budgetBand", Required: true, MaxSelect: 1, Values: []string{"unknown", "under50k", "50to100k", "100to250k", "250to500k", "500kto1m", "over1m"}},
		&core.SelectField{Name: "seeking", MaxSelect: 6, Values: []string{"partners", "funding", "skills", "research", "reuse", "conversation"}},
		&core.JSONField{Name: "tags", MaxSize: 5000},
		&core.JSONField{Name: "links", MaxSize: 20000},
		&core.SelectField{Name: "visibility", Required: true, MaxSelect: 1, Values: []string{"draft", "published"}},
		&core.DateField{Name: "lastConfirmedAt"},
		&core.DateField{Name: "lastActivityAt"},
		&core.DateField{Name: "dormantSince"},
		&core.TextField{Name: "outcome", Max: 10000},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_projects_slug", true, "slug", "")
	c.AddIndex("idx_projects_organisation", false, "organisation", "")
	c.AddIndex("idx_projects_owner", false, "owner", "")
	c.AddIndex("idx_projects_visibility_phase", false, "visibility, phase", "")
	c.AddIndex("idx_projects_lastActivityAt", false, "lastActivityAt, id", "")
	c.AddIndex("idx_projects_lastConfirmedAt", false, "lastConfirmedAt", "")
	c.AddIndex("idx_projects_dormantSince", false, "dormantSince", "")
	c.AddIndex("idx_projects_updated", false, "updated", "")
	c.AddIndex("idx_projects_created", false, "created, id", "")

	ownOrg := ruleApproved + ` && organisation = @request.auth.organisation`
	c.ListRule = types.Pointer(`visibility = "published" || (` + ownOrg + `)`)
	c.ViewRule = c.ListRule
	c.CreateRule = types.Pointer(ownOrg)
	c.UpdateRule = types.Pointer(ownOrg)
	c.DeleteRule = types.Pointer(ownOrg + ` && visibility = "draft"`)
	if err := save(app, c); err != nil {
		return nil, err
	}

	// Self-references need the collection's id, so they come second.
	c.Fields.Add(
		&core.RelationField{Name: "continuedIn", CollectionId: c.Id, MaxSelect: 1},
		&core.RelationField{Name: "reuses", CollectionId: c.Id, MaxSelect: 50},
	)
	c.AddIndex("idx_projects_continuedIn", false, "continuedIn", "")
	return c, save(app, c)
}

// projectReadable is true when the caller may read the related project.
const projectReadable = `(project.visibility = "published" || (` + ruleApproved + ` && project.organisation = @request.auth.organisation))`

func createUpdates(app core.App, projects, users *core.Collection) error {
	phases := []string{"concept", "discovery", "alpha", "beta", "live", "retired"}
	c := core.NewBaseCollection("updates")
	c.Fields.Add(
		&core.RelationField{Name: "project", CollectionId: projects.Id, Required: true, MaxSelect: 1, CascadeDelete: true},
		&core.RelationField{Name: "author", CollectionId: users.Id, MaxSelect: 1},
		&core.TextField{Name: "body", Required: true, Max: 10000},
		&core.SelectField{Name: "phaseFrom", MaxSelect: 1, Values: phases},
		&core.SelectField{Name: "phaseTo", MaxSelect: 1, Values: phases},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_updates_project_created", false, "project, created", "")
	c.AddIndex("idx_updates_author", false, "author", "")
	c.AddIndex("idx_updates_created", false, "created", "")

	c.ListRule = types.Pointer(projectReadable)
	c.ViewRule = c.ListRule
	c.CreateRule = types.Pointer(ruleApproved + ` && (project.organisation = @request.auth.organisation || ` +
		`(project.visibility = "published" && project.partners.id ?= @request.auth.organisation))`)
	c.UpdateRule = types.Pointer(`author = @request.auth.id`)
	c.DeleteRule = types.Pointer(`author = @request.auth.id`)
	return save(app, c)
}

func createInterests(app core.App, projects, users, orgs *core.Collection) error {
	c := core.NewBaseCollection("interests")
	c.Fields.Add(
		&core.RelationField{Name: "project", CollectionId: projects.Id, Required: true, MaxSelect: 1, CascadeDelete: true},
		&core.RelationField{Name: "user", CollectionId: users.Id, Required: true, MaxSelect: 1, CascadeDelete: true},
		&core.RelationField{Name: "organisation", CollectionId: orgs.Id, MaxSelect: 1},
		&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: []string{"following", "join", "reuse", "similar", "contribute"}},
		&core.TextField{Name: "message", Max: 2000},
		&core.SelectField{Name: "state", Required: true, MaxSelect: 1, Values: []string{"open", "acknowledged", "collaborating", "declined", "withdrawn"}},
		&core.DateField{Name: "respondedAt"},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_interests_project_user", true, "project, user", "")
	c.AddIndex("idx_interests_user", false, "user", "")
	c.AddIndex("idx_interests_organisation", false, "organisation", "")
	c.AddIndex("idx_interests_state_created", false, "state, created", "")

	c.ListRule = types.Pointer(`user = @request.auth.id || (` + ruleApproved +
		` && (project.organisation = @request.auth.organisation || @request.auth.role = "coordinator"))`)
	c.ViewRule = c.ListRule
	c.CreateRule = types.Pointer(ruleApproved + ` && ` + projectReadable +
		` && (@request.body.user:isset = false || @request.body.user = @request.auth.id)` +
		` && (@request.body.organisation:isset = false || @request.body.organisation = @request.auth.organisation)`)
	c.UpdateRule = types.Pointer(`user = @request.auth.id || (` + ruleApproved + ` && project.organisation = @request.auth.organisation)`)
	c.DeleteRule = types.Pointer(`user = @request.auth.id`)
	return save(app, c)
}

func createCalls(app core.App, projects *core.Collection) (*core.Collection, error) {
	min0 := types.Pointer(0.0)
	c := core.NewBaseCollection("calls")
	c.Fields.Add(
		&core.RelationField{Name: "project", CollectionId: projects.Id, Required: true, MaxSelect: 1, CascadeDelete: true},
		&core.TextField{Name: "description", Required: true, Max: 5000},
		&core.NumberField{Name: "goalPartners", OnlyInt: true, Min: min0, Max: types.Pointer(400.0)},
		&core.NumberField{Name: "goalFunding", OnlyInt: true, Min: min0, Max: types.Pointer(100_000_000.0)},
		&core.NumberField{Name: "goalDays", OnlyInt: true, Min: min0, Max: types.Pointer(100_000.0)},
		&core.DateField{Name: "deadline", Required: true},
		&core.SelectField{Name: "state", Required: true, MaxSelect: 1, Values: []string{"open", "formed", "notFormed", "cancelled"}},
		&core.NumberField{Name: "pledgedPartners", OnlyInt: true, Min: min0},
		&core.NumberField{Name: "pledgedFunding", OnlyInt: true, Min: min0},
		&core.NumberField{Name: "pledgedDays", OnlyInt: true, Min: min0},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_calls_project", false, "project", "")
	c.AddIndex("idx_calls_state_deadline", false, "state, deadline", "")

	c.ListRule = types.Pointer(projectReadable)
	c.ViewRule = c.ListRule
	ownProject := ruleApproved + ` && project.organisation = @request.auth.organisation`
	c.CreateRule = types.Pointer(ownProject)
	c.UpdateRule = types.Pointer(ownProject)
	c.DeleteRule = nil
	return c, save(app, c)
}

func createPledges(app core.App, calls, orgs, users *core.Collection) error {
	min0 := types.Pointer(0.0)
	c := core.NewBaseCollection("pledges")
	c.Fields.Add(
		&core.RelationField{Name: "call", CollectionId: calls.Id, Required: true, MaxSelect: 1, CascadeDelete: true},
		&core.RelationField{Name: "organisation", CollectionId: orgs.Id, Required: true, MaxSelect: 1},
		&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1},
		&core.NumberField{Name: "funding", OnlyInt: true, Min: min0, Max: types.Pointer(100_000_000.0)},
		&core.NumberField{Name: "days", OnlyInt: true, Min: min0, Max: types.Pointer(100_000.0)},
		&core.TextField{Name: "note", Max: 2000},
		&core.SelectField{Name: "state", Required: true, MaxSelect: 1, Values: []string{"active", "withdrawn"}},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_pledges_call_organisation_active", true, "call, organisation", "state = 'active'")
	c.AddIndex("idx_pledges_call_state", false, "call, state", "")
	c.AddIndex("idx_pledges_organisation", false, "organisation", "")
	c.AddIndex("idx_pledges_user", false, "user", "")

	c.ListRule = types.Pointer(`user = @request.auth.id || (` + ruleApproved + ` && (organisation = @request.auth.organisation || ` +
		`call.project.organisation = @request.auth.organisation || @request.auth.role = "coordinator"))`)
	c.ViewRule = c.ListRule
	c.CreateRule = types.Pointer(ruleApproved + ` && @request.auth.organisation != "" && call.state = "open" && call.deadline > @now` +
		` && call.project.visibility = "published" && call.project.organisation != @request.auth.organisation` +
		` && (@request.body.user:isset = false || @request.body.user = @request.auth.id)` +
		` && (@request.body.organisation:isset = false || @request.body.organisation = @request.auth.organisation)`)
	c.UpdateRule = types.Pointer(ruleApproved + ` && organisation = @request.auth.organisation && call.state = "open" && call.deadline > @now`)
	c.DeleteRule = nil
	return save(app, c)
}

func createNotifications(app core.App, projects, users *core.Collection) error {
	c := core.NewBaseCollection("notifications")
	c.Fields.Add(
		&core.RelationField{Name: "user", CollectionId: users.Id, Required: true, MaxSelect: 1, CascadeDelete: true},
		&core.TextField{Name: "kind", Required: true, Max: 50, Pattern: `^[a-zA-Z][a-zA-Z0-9]*$`},
		&core.RelationField{Name: "project", CollectionId: projects.Id, MaxSelect: 1, CascadeDelete: true},
		&core.TextField{Name: "title", Required: true, Max: 300},
		&core.TextField{Name: "body", Max: 5000},
		&core.TextField{Name: "url", Max: 500},
		&core.DateField{Name: "readAt"},
		&core.SelectField{Name: "emailState", Required: true, MaxSelect: 1, Values: []string{"pending", "sent", "skipped", "failed"}},
		&core.DateField{Name: "emailedAt"},
		&core.NumberField{Name: "attempts", OnlyInt: true, Min: types.Pointer(0.0)},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_notifications_user_created", false, "user, created", "")
	c.AddIndex("idx_notifications_user_readAt", false, "user, readAt", "")
	c.AddIndex("idx_notifications_emailState", false, "emailState", "")
	c.AddIndex("idx_notifications_project", false, "project", "")

	c.ListRule = types.Pointer(`user = @request.auth.id`)
	c.ViewRule = c.ListRule
	c.CreateRule = nil
	c.UpdateRule = c.ListRule
	c.DeleteRule = nil
	return save(app, c)
}

func dropSchema(app core.App) error {
	for _, name := range []string{"notifications", "pledges", "calls", "interests", "updates", "projects", "organisations"} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			continue
		}
		if name == "organisations" {
			if err := removeUserFields(app); err != nil {
				return err
			}
		}
		if err := app.Delete(c); err != nil {
			return fmt.Errorf("drop %s: %w", name, err)
		}
	}
	return nil
}

func removeUserFields(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return fmt.Errorf("find users: %w", err)
	}
	for _, f := range []string{"organisation", "role", "membership", "jobTitle", "emailFrequency"} {
		users.Fields.RemoveByName(f)
	}
	users.RemoveIndex("idx_users_organisation_membership")
	users.RemoveIndex("idx_users_role")
	own := "id = @request.auth.id"
	users.ListRule, users.ViewRule, users.UpdateRule, users.DeleteRule = &own, &own, &own, &own
	return save(app, users)
}
