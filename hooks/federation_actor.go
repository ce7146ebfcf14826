package hooks

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// The fediverse's view of Pipeline (issue 18, first part): each
// organisation is an ActivityPub actor (/ap/organisations/{slug}), found
// through WebFinger (acct:{slug}@{host}) and described by NodeInfo; its
// outbox lists its published projects as Create activities, and a
// project's page answers Accept: application/activity+json with the
// project as an ActivityStreams object in Pipeline's JSON-LD context
// (/ns/pipeline). Drafts never appear. What other servers send is in
// federation_inbox.go, and what this one sends in federation_publish.go.

const (
	activityJSON = "application/activity+json"
	// asPublic is ActivityStreams' address of everyone.
	asPublic = "https://www.w3.org/ns/activitystreams#Public"
	// outboxPage is how many activities a page of an outbox holds.
	outboxPage = 20
)

// instanceBase is the instance's own address (Settings › Application).
func instanceBase(app core.App) string {
	return strings.TrimRight(app.Settings().Meta.AppURL, "/")
}

// actorURL is an organisation's actor address.
func actorURL(app core.App, slug string) string {
	return instanceBase(app) + "/ap/organisations/" + slug
}

// writeActivity answers v as ActivityStreams JSON.
func writeActivity(e *core.RequestEvent, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return e.InternalServerError("", err)
	}
	e.Response.Header().Set("Content-Type", activityJSON+"; charset=utf-8")
	e.Response.Header().Set("Vary", "Accept")
	e.Response.WriteHeader(http.StatusOK)
	_, err = e.Response.Write(b)
	return err
}

// WantsActivity says whether a request asks for ActivityStreams rather
// than a page (application/activity+json, or JSON-LD with the
// ActivityStreams profile).
func WantsActivity(r *http.Request) bool {
	a := r.Header.Get("Accept")
	return strings.Contains(a, activityJSON) ||
		(strings.Contains(a, "application/ld+json") && strings.Contains(a, "https://www.w3.org/ns/activitystreams"))
}

// webfingerRoute: GET /.well-known/webfinger?resource=acct:{slug}@{host}.
func webfingerRoute(e *core.RequestEvent) error {
	res := e.Request.URL.Query().Get("resource")
	acct, ok := strings.CutPrefix(res, "acct:")
	slug, host, found := strings.Cut(acct, "@")
	base, _ := url.Parse(instanceBase(e.App))
	if !ok || !found || base == nil || !strings.EqualFold(host, base.Host) {
		return e.NotFoundError("No such account here.", nil)
	}
	org, err := e.App.FindFirstRecordByData(ColOrganisations, "slug", strings.ToLower(slug))
	if err != nil {
		return e.NotFoundError("No such account here.", nil)
	}
	b, err := json.Marshal(map[string]any{
		"subject": "acct:" + org.GetString("slug") + "@" + base.Host,
		"aliases": []string{actorURL(e.App, org.GetString("slug"))},
		"links": []map[string]string{
			{"rel": "self", "type": activityJSON, "href": actorURL(e.App, org.GetString("slug"))},
			{"rel": "http://webfinger.net/rel/profile-page", "type": "text/html", "href": instanceBase(e.App) + "/organisations/" + org.GetString("slug")},
		},
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	e.Response.Header().Set("Content-Type", "application/jrd+json; charset=utf-8")
	e.Response.Header().Set("Access-Control-Allow-Origin", "*")
	e.Response.WriteHeader(http.StatusOK)
	_, err = e.Response.Write(b)
	return err
}

// nodeinfoLinksRoute: GET /.well-known/nodeinfo, where NodeInfo is.
func nodeinfoLinksRoute(e *core.RequestEvent) error {
	return e.JSON(http.StatusOK, map[string]any{"links": []map[string]string{
		{"rel": "http://nodeinfo.diaspora.software/ns/schema/2.1", "href": instanceBase(e.App) + "/nodeinfo/2.1"},
	}})
}

// nodeinfoRoute: GET /nodeinfo/2.1, NodeInfo 2.1: what this server is,
// and its people and published projects in number.
func nodeinfoRoute(e *core.RequestEvent) error {
	var n struct {
		Users    int `db:"users"`
		Projects int `db:"projects"`
	}
	err := e.App.DB().NewQuery(`SELECT (SELECT COUNT(*) FROM users WHERE membership = 'approved') AS users,
		(SELECT COUNT(*) FROM projects WHERE visibility = 'published') AS projects`).One(&n)
	if err != nil {
		return e.InternalServerError("", err)
	}
	e.Response.Header().Set("Content-Type", `application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.1#"`)
	return e.JSON(http.StatusOK, map[string]any{
		"version":           "2.1",
		"software":          map[string]string{"name": "pipeline", "version": "1"},
		"protocols":         []string{"activitypub"},
		"services":          map[string][]string{"inbound": {}, "outbound": {}},
		"openRegistrations": true,
		"usage":             map[string]any{"users": map[string]int{"total": n.Users}, "localPosts": n.Projects},
		"metadata":          map[string]string{"nodeName": e.App.Settings().Meta.AppName},
	})
}

// actorOf is the organisation of an actor address.
func actorOf(e *core.RequestEvent) (*core.Record, error) {
	org, err := e.App.FindFirstRecordByData(ColOrganisations, "slug", e.Request.PathValue("slug"))
	if err != nil {
		return nil, e.NotFoundError("No such organisation.", nil)
	}
	return org, nil
}

// actorRoute: GET /ap/organisations/{slug}, the organisation as an
// ActivityPub actor with its public key.
func actorRoute(e *core.RequestEvent) error {
	org, err := actorOf(e)
	if err != nil {
		return err
	}
	key, err := ActorPublicKey(e.App, org.Id)
	if err != nil {
		return e.InternalServerError("", err)
	}
	id := actorURL(e.App, org.GetString("slug"))
	actor := map[string]any{
		"@context":          []any{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1", pipelineContext(e.App)},
		"id":                id,
		"type":              "Organization",
		"preferredUsername": org.GetString("slug"),
		"name":              org.GetString("name"),
		"summary":           org.GetString("description"),
		"url":               instanceBase(e.App) + "/organisations/" + org.GetString("slug"),
		"inbox":             id + "/inbox",
		"outbox":            id + "/outbox",
		"followers":         id + "/followers",
		"endpoints":         map[string]string{"sharedInbox": sharedInboxURL(e.App)},
		"publicKey":         map[string]string{"id": id + "#main-key", "owner": id, "publicKeyPem": key},
		"pipeline:gss":      org.GetString("gssCode"),
	}
	return writeActivity(e, actor)
}

// outboxRoute: GET /ap/organisations/{slug}/outbox, the organisation's
// published projects as Create activities, newest first; ?page=N is one
// page of them.
func outboxRoute(e *core.RequestEvent) error {
	org, err := actorOf(e)
	if err != nil {
		return err
	}
	id := actorURL(e.App, org.GetString("slug")) + "/outbox"
	var total int
	if err := e.App.DB().NewQuery(`SELECT COUNT(*) FROM projects WHERE organisation = {:o} AND visibility = 'published'`).
		Bind(dbx.Params{"o": org.Id}).Row(&total); err != nil {
		return e.InternalServerError("", err)
	}
	page, _ := strconv.Atoi(e.Request.URL.Query().Get("page"))
	if page < 1 {
		return writeActivity(e, map[string]any{"@context": "https://www.w3.org/ns/activitystreams", "id": id, "type": "OrderedCollection",
			"totalItems": total, "first": id + "?page=1"})
	}
	projects, err := e.App.FindRecordsByFilter(ColProjects, "organisation = {:o} && visibility = 'published'", "-created", outboxPage,
		(page-1)*outboxPage, dbx.Params{"o": org.Id})
	if err != nil {
		return e.InternalServerError("", err)
	}
	items := make([]any, 0, len(projects))
	for _, p := range projects {
		obj := ProjectObject(e.App, p, org)
		delete(obj, "@context")
		items = append(items, map[string]any{"id": obj["id"].(string) + "#create", "type": "Create", "actor": obj["attributedTo"],
			"published": obj["published"], "to": []string{asPublic}, "cc": []string{actorURL(e.App, org.GetString("slug")) + "/followers"},
			"object": obj})
	}
	out := map[string]any{"@context": []any{"https://www.w3.org/ns/activitystreams", pipelineContext(e.App)}, "id": id + "?page=" + strconv.Itoa(page),
		"type": "OrderedCollectionPage", "partOf": id, "orderedItems": items}
	if page*outboxPage < total {
		out["next"] = id + "?page=" + strconv.Itoa(page+1)
	}
	if page > 1 {
		out["prev"] = id + "?page=" + strconv.Itoa(page-1)
	}
	return writeActivity(e, out)
}

// followersRoute: GET /ap/organisations/{slug}/followers: how many
// follow the organisation (who they are is not published).
func followersRoute(e *core.RequestEvent) error {
	org, err := actorOf(e)
	if err != nil {
		return err
	}
	var n int
	if err := e.App.DB().NewQuery("SELECT COUNT(*) FROM pipeline_ap_followers WHERE organisation = {:o}").
		Bind(dbx.Params{"o": org.Id}).Row(&n); err != nil {
		return e.InternalServerError("", err)
	}
	return writeActivity(e, map[string]any{"@context": "https://www.w3.org/ns/activitystreams",
		"id": actorURL(e.App, org.GetString("slug")) + "/followers", "type": "OrderedCollection", "totalItems": n})
}

// pipelineContext is the address of Pipeline's JSON-LD context.
func pipelineContext(app core.App) string { return instanceBase(app) + "/ns/pipeline" }

// pipelineContextRoute: GET /ns/pipeline, the JSON-LD context of the
// Pipeline fields in ActivityStreams objects (docs/federation.md).
func pipelineContextRoute(e *core.RequestEvent) error {
	ns := pipelineContext(e.App) + "#"
	e.Response.Header().Set("Content-Type", "application/ld+json; charset=utf-8")
	return e.JSON(http.StatusOK, map[string]any{"@context": map[string]any{
		"pipeline":     ns,
		"phase":        map[string]string{"@id": "pipeline:phase"},
		"seeking":      map[string]any{"@id": "pipeline:seeking", "@container": "@set"},
		"phaseStart":   map[string]string{"@id": "pipeline:phaseStart", "@type": "http://www.w3.org/2001/XMLSchema#date"},
		"phaseEnd":     map[string]string{"@id": "pipeline:phaseEnd", "@type": "http://www.w3.org/2001/XMLSchema#date"},
		"organisation": map[string]string{"@id": "pipeline:organisation", "@type": "@id"},
		"gss":          map[string]string{"@id": "pipeline:gss"},
		// Interest between instances (federation_interest.go).
		"Interest":         "pipeline:Interest",
		"kind":             map[string]string{"@id": "pipeline:kind"},
		"state":            map[string]string{"@id": "pipeline:state"},
		"organisationName": map[string]string{"@id": "pipeline:organisationName"},
	}})
}

// ProjectObject is a published project as an ActivityStreams object
// ("Page"), with its Pipeline fields in Pipeline's context.
func ProjectObject(app core.App, p, org *core.Record) map[string]any {
	base := instanceBase(app)
	page := base + "/projects/" + p.GetString("slug")
	tags := []any{}
	for _, t := range p.GetStringSlice("tags") {
		tags = append(tags, map[string]string{"type": "Hashtag", "name": "#" + t, "href": base + "/projects?q=" + url.QueryEscape(t)})
	}
	obj := map[string]any{
		"@context":     []any{"https://www.w3.org/ns/activitystreams", pipelineContext(app)},
		"id":           page,
		"type":         "Page",
		"name":         p.GetString("title"),
		"summary":      p.GetString("summary"),
		"content":      htmlParagraphs(p.GetString("description")),
		"url":          page,
		"attributedTo": actorURL(app, org.GetString("slug")),
		"published":    p.GetDateTime("created").Time().UTC().Format("2006-01-02T15:04:05Z"),
		"updated":      p.GetDateTime("updated").Time().UTC().Format("2006-01-02T15:04:05Z"),
		"to":           []string{asPublic},
		"tag":          tags,
		"phase":        p.GetString("phase"),
		"seeking":      p.GetStringSlice("seeking"),
		"organisation": actorURL(app, org.GetString("slug")),
		"gss":          org.GetString("gssCode"),
	}
	for _, d := range []string{"phaseStart", "phaseEnd"} {
		if t := p.GetDateTime(d); !t.IsZero() {
			obj[d] = t.Time().UTC().Format("2006-01-02")
		}
	}
	return obj
}

// htmlParagraphs is plain text as escaped HTML paragraphs, for an
// object's content.
func htmlParagraphs(text string) string {
	var b strings.Builder
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			b.WriteString("<p>" + html.EscapeString(para) + "</p>")
		}
	}
	return b.String()
}

// ServeProjectObject answers a project's address asked for as
// ActivityStreams: a published project as its object; a draft, unknown or
// deleted project as not found.
func ServeProjectObject(e *core.RequestEvent) error {
	p, err := e.App.FindFirstRecordByData(ColProjects, "slug", e.Request.PathValue("slug"))
	if err != nil || p.GetString("visibility") != VisibilityPublished {
		return e.NotFoundError("No such project.", nil)
	}
	org, err := e.App.FindRecordById(ColOrganisations, p.GetString("organisation"))
	if err != nil {
		return e.InternalServerError("", err)
	}
	return writeActivity(e, ProjectObject(e.App, p, org))
}
