package pb_migrations

import (
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// remoteOrLocal lets an interest be about a local project the caller may
// read or a remote project (which the server checks exists).
const remoteOrLocal = `(` + projectReadable + ` || (@request.body.project:isset = false && ` +
	`@request.body.remoteProject:isset = true && @request.body.remoteProject != ""))`

// A network of Pipelines (issue 18):
//
//   - remoteProjects: the published projects of trusted peers, as their
//     origin instance describes them, public like local projects and
//     written only by the server (from signed activities and outboxes);
//     one no longer shared is deleted, or kept as gone (goneAt) while an
//     interest names it;
//   - interests may be about a remote project (remoteProject, instead of
//     project), and an interest that arrived from a peer records who sent
//     it (remoteActor, remoteOrganisation, remoteVia) and its address
//     there (remoteId), having no local user;
//   - the server's own tables, outside the record API: the actors it has
//     fetched (with their keys), who follows its organisations, whom it
//     follows, the activities it is to deliver (one row per activity and
//     inbox, so none is sent twice to an inbox), and the signatures and
//     activities it has accepted (to refuse replays);
//   - remote_projects_fts, remote projects' full-text index, a row each
//     under the project's own rowid (so a change replaces it by key).
func init() {
	m.Register(func(app core.App) error {
		peers, err := app.FindCollectionByNameOrId("peers")
		if err != nil {
			return fmt.Errorf("find peers: %w", err)
		}
		orgs, err := app.FindCollectionByNameOrId("organisations")
		if err != nil {
			return fmt.Errorf("find organisations: %w", err)
		}
		c := core.NewBaseCollection("remoteProjects")
		c.Fields.Add(
			&core.URLField{Name: "uri", Required: true},
			&core.RelationField{Name: "peer", CollectionId: peers.Id, MaxSelect: 1},
			&core.URLField{Name: "actor", Required: true},
			&core.TextField{Name: "organisationName", Max: 300},
			&core.RelationField{Name: "organisation", CollectionId: orgs.Id, MaxSelect: 1},
			&core.TextField{Name: "gss", Max: 20},
			&core.TextField{Name: "title", Required: true, Max: 300, Presentable: true},
			&core.TextField{Name: "summary", Max: 2000},
			&core.TextField{Name: "description", Max: 20000},
			&core.TextField{Name: "phase", Max: 40},
			&core.JSONField{Name: "tags", MaxSize: 10000},
			&core.JSONField{Name: "seeking", MaxSize: 2000},
			&core.DateField{Name: "phaseStart"},
			&core.DateField{Name: "phaseEnd"},
			&core.DateField{Name: "published"},
			&core.DateField{Name: "remoteUpdated"},
			&core.DateField{Name: "lastUpdateAt"},
			&core.TextField{Name: "lastUpdate", Max: 2000},
			&core.URLField{Name: "url", Required: true},
			// goneAt: no longer shared (deleted at its origin, or its peer
			// no longer trusted) but kept for the interests that name it.
			&core.DateField{Name: "goneAt"},
		)
		c.Fields.Add(timestamps()...)
		c.AddIndex("idx_remoteProjects_uri", true, "uri", "")
		c.AddIndex("idx_remoteProjects_peer", false, "peer", "")
		c.AddIndex("idx_remoteProjects_actor", false, "actor", "")
		c.AddIndex("idx_remoteProjects_organisation", false, "organisation", "")
		c.AddIndex("idx_remoteProjects_remoteUpdated", false, "remoteUpdated", "")
		c.ListRule = types.Pointer(`goneAt = ""`)
		c.ViewRule = types.Pointer("")
		if err := save(app, c); err != nil {
			return err
		}

		interests, err := app.FindCollectionByNameOrId("interests")
		if err != nil {
			return fmt.Errorf("find interests: %w", err)
		}
		project, _ := interests.Fields.GetByName("project").(*core.RelationField)
		user, _ := interests.Fields.GetByName("user").(*core.RelationField)
		if project == nil || user == nil {
			return fmt.Errorf("interests has no project or user relation")
		}
		project.Required = false
		user.Required = false
		interests.Fields.Add(
			&core.RelationField{Name: "remoteProject", CollectionId: c.Id, MaxSelect: 1},
			&core.URLField{Name: "remoteActor"},
			&core.TextField{Name: "remoteOrganisation", Max: 300},
			&core.TextField{Name: "remoteVia", Max: 300},
			&core.URLField{Name: "remoteId"},
		)
		interests.RemoveIndex("idx_interests_project_user")
		interests.AddIndex("idx_interests_project_user", true, "project, user", "state != 'declined' AND project != '' AND user != ''")
		interests.AddIndex("idx_interests_remoteProject_user", true, "remoteProject, user", "state != 'declined' AND remoteProject != ''")
		interests.AddIndex("idx_interests_remoteId", true, "remoteId", "remoteId != ''")
		// An officer may express interest in a remote project, which no
		// local project rule can speak of: the server checks it exists.
		rule := types.Pointer("")
		if interests.CreateRule != nil {
			rule = interests.CreateRule
		}
		if !strings.Contains(*rule, projectReadable) {
			return fmt.Errorf("interests' create rule has changed: %s", *rule)
		}
		interests.CreateRule = types.Pointer(strings.Replace(*rule, projectReadable, remoteOrLocal, 1))
		if err := save(app, interests); err != nil {
			return err
		}

		_, err = app.DB().NewQuery(`
			CREATE TABLE IF NOT EXISTS pipeline_ap_actors (
				uri          TEXT PRIMARY KEY NOT NULL,
				inbox        TEXT NOT NULL DEFAULT '',
				sharedInbox  TEXT NOT NULL DEFAULT '',
				keyId        TEXT NOT NULL DEFAULT '',
				publicPem    TEXT NOT NULL DEFAULT '',
				name         TEXT NOT NULL DEFAULT '',
				username     TEXT NOT NULL DEFAULT '',
				gss          TEXT NOT NULL DEFAULT '',
				fetched      TEXT NOT NULL
			);
			CREATE TABLE IF NOT EXISTS pipeline_ap_followers (
				organisation TEXT NOT NULL,
				actor        TEXT NOT NULL,
				inbox        TEXT NOT NULL,
				created      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')),
				PRIMARY KEY (organisation, actor)
			);
			CREATE TRIGGER IF NOT EXISTS pipeline_ap_followers_gone AFTER DELETE ON organisations BEGIN
				DELETE FROM pipeline_ap_followers WHERE organisation = old.id;
			END;
			CREATE TABLE IF NOT EXISTS pipeline_ap_following (
				actor    TEXT PRIMARY KEY NOT NULL,
				peer     TEXT NOT NULL,
				followId TEXT NOT NULL,
				state    TEXT NOT NULL DEFAULT 'pending',
				created  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ'))
			);
			CREATE INDEX IF NOT EXISTS idx_pipeline_ap_following_peer ON pipeline_ap_following (peer);
			CREATE TABLE IF NOT EXISTS pipeline_ap_deliveries (
				id          INTEGER PRIMARY KEY AUTOINCREMENT,
				activityId  TEXT NOT NULL,
				inbox       TEXT NOT NULL,
				signer      TEXT NOT NULL,
				body        TEXT NOT NULL,
				state       TEXT NOT NULL DEFAULT 'pending',
				attempts    INTEGER NOT NULL DEFAULT 0,
				nextAttempt TEXT NOT NULL,
				claimedAt   TEXT NOT NULL DEFAULT '',
				lastError   TEXT NOT NULL DEFAULT '',
				created     TEXT NOT NULL,
				sentAt      TEXT NOT NULL DEFAULT '',
				UNIQUE (activityId, inbox)
			);
			CREATE INDEX IF NOT EXISTS idx_pipeline_ap_deliveries_due ON pipeline_ap_deliveries (state, nextAttempt);
			CREATE TABLE IF NOT EXISTS pipeline_ap_received (
				key      TEXT PRIMARY KEY NOT NULL,
				received TEXT NOT NULL
			);
			CREATE INDEX IF NOT EXISTS idx_pipeline_ap_received_at ON pipeline_ap_received (received);
			CREATE VIRTUAL TABLE IF NOT EXISTS remote_projects_fts USING fts5(
				id UNINDEXED, title, summary, description, tags, organisation,
				tokenize = "porter unicode61 remove_diacritics 2 tokenchars '_'"
			);
			CREATE TRIGGER IF NOT EXISTS remote_projects_fts_insert AFTER INSERT ON remoteProjects BEGIN
				INSERT INTO remote_projects_fts(rowid, id, title, summary, description, tags, organisation)
					VALUES (new.rowid, new.id, new.title, new.summary, new.description, new.tags, new.organisationName);
			END;
			CREATE TRIGGER IF NOT EXISTS remote_projects_fts_update AFTER UPDATE ON remoteProjects BEGIN
				DELETE FROM remote_projects_fts WHERE rowid = old.rowid;
				INSERT INTO remote_projects_fts(rowid, id, title, summary, description, tags, organisation)
					VALUES (new.rowid, new.id, new.title, new.summary, new.description, new.tags, new.organisationName);
			END;
			CREATE TRIGGER IF NOT EXISTS remote_projects_fts_delete AFTER DELETE ON remoteProjects BEGIN
				DELETE FROM remote_projects_fts WHERE rowid = old.rowid;
			END;`).Execute()
		if err != nil {
			return fmt.Errorf("create the federation tables: %w", err)
		}
		return nil
	}, func(app core.App) error {
		if _, err := app.DB().NewQuery(`DROP TRIGGER IF EXISTS pipeline_ap_followers_gone;
			DROP TRIGGER IF EXISTS remote_projects_fts_insert; DROP TRIGGER IF EXISTS remote_projects_fts_update;
			DROP TRIGGER IF EXISTS remote_projects_fts_delete; DROP TABLE IF EXISTS remote_projects_fts;
			DROP TABLE IF EXISTS pipeline_ap_actors; DROP TABLE IF EXISTS pipeline_ap_followers;
			DROP TABLE IF EXISTS pipeline_ap_following; DROP TABLE IF EXISTS pipeline_ap_deliveries;
			DROP TABLE IF EXISTS pipeline_ap_received;`).Execute(); err != nil {
			return fmt.Errorf("drop the federation tables: %w", err)
		}
		interests, err := app.FindCollectionByNameOrId("interests")
		if err != nil {
			return fmt.Errorf("find interests: %w", err)
		}
		if _, err := app.DB().NewQuery(`DELETE FROM interests WHERE project = ''`).Execute(); err != nil {
			return fmt.Errorf("remove remote interests: %w", err)
		}
		for _, f := range []string{"remoteProject", "remoteActor", "remoteOrganisation", "remoteVia", "remoteId"} {
			interests.Fields.RemoveByName(f)
		}
		interests.RemoveIndex("idx_interests_remoteProject_user")
		interests.RemoveIndex("idx_interests_remoteId")
		interests.RemoveIndex("idx_interests_project_user")
		interests.AddIndex("idx_interests_project_user", true, "project, user", "state != 'declined'")
		if interests.CreateRule != nil {
			interests.CreateRule = types.Pointer(strings.Replace(*interests.CreateRule, remoteOrLocal, projectReadable, 1))
		}
		if p, ok := interests.Fields.GetByName("project").(*core.RelationField); ok {
			p.Required = true
		}
		if u, ok := interests.Fields.GetByName("user").(*core.RelationField); ok {
			u.Required = true
		}
		if err := save(app, interests); err != nil {
			return err
		}
		c, err := app.FindCollectionByNameOrId("remoteProjects")
		if err != nil {
			return nil
		}
		return app.Delete(c)
	})
}
