package hooks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// projectEditable are the fields the owning organisation edits directly.
// Organisation, owner, freshness dates and dormancy are Pipeline's to set.
var projectEditable = []string{
	"title", "slug", "summary", "description", "partners", "contactName", "contactEmail",
	"phase", "phaseStart", "phaseEnd", "nextAssessment", "budgetBand", "seeking", "tags",
	"links", "visibility", "continuedIn", "reuses", "outcome", "externalRef",
	"outcomeWorked", "outcomeDidNotWork", "outcomeReusable", "outcomeSavings", "closedReason",
	"feedUrl", "repoUrl",
}

// Link is one labelled web address on a project.
type Link struct {
	Label string `json:"label"`
	URL   string `json:"url"`
}

func applyProjectDefaults(app core.App, p *core.Record, now time.Time) error {
	defaults := map[string]string{"phase": Phases[0], "visibility": VisibilityDraft, "budgetBand": "unknown"}
	for field, value := range defaults {
		if p.GetString(field) == "" {
			p.Set(field, value)
		}
	}
	stamp, err := types.ParseDateTime(now.UTC())
	if err != nil {
		return fmt.Errorf("project timestamp: %w", err)
	}
	for _, field := range []string{"lastConfirmedAt", "lastActivityAt"} {
		if p.GetDateTime(field).IsZero() {
			p.Set(field, stamp)
		}
	}
	return nil
}

// needsContact refuses to publish a project without a contact email. A
// project's contact is public once it is published, so it is always
// someone's choice (the form suggests the officer's own address), never
// silently the owner's account address. It applies when a project is
// published, or a published project's contact is cleared.
func needsContact(p *core.Record) error {
	if p.GetString("visibility") != VisibilityPublished || strings.TrimSpace(p.GetString("contactEmail")) != "" {
		return nil
	}
	orig := p.Original()
	if !p.IsNew() && orig.GetString("visibility") == VisibilityPublished && orig.GetString("contactEmail") == "" {
		return nil // published before contacts were asked for; unchanged
	}
	return fieldError("contactEmail", "pipeline_contact_required",
		"Enter the email address other councils should contact about this project: it is shown publicly once the project is published.")
}

// normaliseProject tidies and checks what a save brings: a unique slug,
// clean tags and links, dates in order, no links to itself.
func normaliseProject(app core.App, p *core.Record) error {
	errs := validation.Errors{}
	if p.GetString("slug") == "" {
		slug, err := uniqueSlug(app, ColProjects, Slugify(p.GetString("title")), p.Id)
		if err != nil {
			return err
		}
		p.Set("slug", slug)
	}
	tags, err := normaliseTags(p.GetString("tags"))
	if err != nil {
		errs["tags"] = validation.NewError("pipeline_invalid_tags", err.Error())
	} else {
		p.Set("tags", tags)
	}
	links, err := normaliseLinks(p.GetString("links"))
	if err != nil {
		errs["links"] = validation.NewError("pipeline_invalid_links", err.Error())
	} else {
		p.Set("links", links)
	}
	start, end := p.GetDateTime("phaseStart"), p.GetDateTime("phaseEnd")
	if !start.IsZero() && !end.IsZero() && end.Before(start) {
		errs["phaseEnd"] = validation.NewError("pipeline_dates_order", "The phase end date must be on or after its start date.")
	}
	if p.Id != "" && p.GetString("continuedIn") == p.Id {
		errs["continuedIn"] = validation.NewError("pipeline_self_link", "A project cannot continue in itself.")
	}
	if p.Id != "" && slices.Contains(p.GetStringSlice("reuses"), p.Id) {
		errs["reuses"] = validation.NewError("pipeline_self_link", "A project cannot reuse itself.")
	}
	validateSources(p, instanceBase(app), errs) // feed.go
	if len(errs) > 0 {
		return errs
	}
	return nil
}

func normaliseTags(raw string) ([]string, error) {
	var in []string
	if raw != "" && raw != "null" {
		if err := json.Unmarshal([]byte(raw), &in); err != nil {
			return nil, fmt.Errorf("Tags must be a list of words.")
		}
	}
	out := make([]string, 0, len(in))
	for _, t := range in {
		t = strings.Join(strings.Fields(strings.ToLower(t)), " ")
		if t == "" || slices.Contains(out, t) {
			continue
		}
		if len([]rune(t)) > 40 {
			return nil, fmt.Errorf("Each tag must be 40 characters or fewer: %q is longer.", t)
		}
		out = append(out, t)
	}
	if len(out) > 20 {
		return nil, fmt.Errorf("A project can have at most 20 tags.")
	}
	return out, nil
}

func normaliseLinks(raw string) ([]Link, error) {
	var in []Link
	if raw != "" && raw != "null" {
		if err := json.Unmarshal([]byte(raw), &in); err != nil {
			return nil, fmt.Errorf("Links must be a list of labels with web addresses.")
		}
	}
	out := make([]Link, 0, len(in))
	for _, l := range in {
		l.Label, l.URL = strings.TrimSpace(l.Label), strings.TrimSpace(l.URL)
		if l.Label == "" && l.URL == "" {
			continue
		}
		u, err := url.Parse(l.URL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, fmt.Errorf("%q is not a web address starting with https://.", l.URL)
		}
		if l.Label == "" {
			l.Label = u.Host
		}
		if len([]rune(l.Label)) > 100 || len(l.URL) > 500 {
			return nil, fmt.Errorf("A link's label must be 100 characters or fewer and its address 500.")
		}
		out = append(out, l)
	}
	if len(out) > 20 {
		return nil, fmt.Errorf("A project can have at most 20 links.")
	}
	return out, nil
}

// guardProjectCreate: the caller becomes the owner of a project of their
// own organisation (the create rule checks the organisation).
func guardProjectCreate(e *core.RecordRequestEvent) error {
	c := callerOf(e.RequestEvent)
	if c.superuser {
		return e.Next()
	}
	allowed := append([]string{"organisation", "owner"}, projectEditable...)
	if err := guardFields(e.Record, allowed...); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	if owner := e.Record.GetString("owner"); owner != "" && owner != c.id() {
		return badRequest(e.RequestEvent, fieldError("owner", "pipeline_forbidden_field", "You can only create projects that you own."))
	}
	if err := checkLinkedProjects(e); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	if err := guardProjectDates(e); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	if err := needsContact(e.Record); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	e.Record.Set("owner", c.id())
	return e.Next()
}

// projectDates are the dates an officer gives a project.
var projectDates = []string{"phaseStart", "phaseEnd", "nextAssessment"}

// guardProjectDates reads each project date as sent, the way the CSV
// import reads them: empty clears it, a date it can read is stored, and
// anything else is refused naming the field, so the stored date is kept
// (PocketBase alone would store an unreadable date as empty).
func guardProjectDates(e *core.RecordRequestEvent) error {
	body, err := sentValues(e.RequestEvent)
	if err != nil {
		return err
	}
	errs := validation.Errors{}
	for _, field := range projectDates {
		raw, sent := body[field]
		if !sent || raw == nil {
			continue
		}
		text, ok := raw.(string)
		if !ok {
			errs[field] = validation.NewError("pipeline_invalid_date", "Enter a date like 2027-03-31 or 31/03/2027")
			continue
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		t, err := parseImportDate(text)
		if err != nil {
			errs[field] = validation.NewError("pipeline_invalid_date", upperFirst(err.Error()))
			continue
		}
		e.Record.Set(field, Stamp(t))
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// sentValues is the request's body as it was sent, before PocketBase read
// each value into its field's type (which turns a date it cannot read into
// no date): JSON decoded again from the body (PocketBase keeps it to be
// read again), or a form's values.
func sentValues(e *core.RequestEvent) (map[string]any, error) {
	out := map[string]any{}
	if strings.HasPrefix(e.Request.Header.Get("Content-Type"), "application/json") {
		raw, err := io.ReadAll(e.Request.Body)
		if err != nil {
			return nil, fmt.Errorf("read the request again: %w", err)
		}
		if len(bytes.TrimSpace(raw)) > 0 {
			if err := json.Unmarshal(raw, &out); err != nil {
				return nil, fmt.Errorf("decode the request again: %w", err)
			}
		}
		return out, nil
	}
	values := e.Request.PostForm
	if e.Request.MultipartForm != nil {
		values = e.Request.MultipartForm.Value
	}
	for k, v := range values {
		if len(v) > 0 {
			out[k] = v[len(v)-1]
		}
	}
	return out, nil
}

// checkLinkedProjects refuses a project that the saved record newly links
// to (continuedIn, reuses) when the caller may not view it, exactly as an
// id that names no project is refused: a draft of another council must not
// be confirmed to exist, nor its id published on this project.
func checkLinkedProjects(e *core.RecordRequestEvent) error {
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	orig := e.Record.Original()
	for _, field := range []string{"continuedIn", "reuses"} {
		before := map[string]bool{}
		for _, id := range orig.GetStringSlice(field) {
			before[id] = true
		}
		for _, id := range e.Record.GetStringSlice(field) {
			if before[id] {
				continue // linked already, when it was visible
			}
			p, err := e.App.FindRecordById(ColProjects, id)
			ok := err == nil
			if ok {
				ok, _ = e.App.CanAccessRecord(p, info, p.Collection().ViewRule)
			}
			if !ok {
				return fieldError(field, "validation_missing_rel_records", "Failed to find all relation records with the provided ids.")
			}
		}
	}
	return nil
}

// guardProjectUpdate: officers of the owning organisation edit its
// projects; the owner or an organisation admin hands a project to another
// approved officer of the organisation. Every edit counts as activity.
func guardProjectUpdate(e *core.RecordRequestEvent) error {
	c := callerOf(e.RequestEvent)
	if c.superuser {
		return e.Next()
	}
	allowed := append([]string{"owner"}, projectEditable...)
	if err := guardFields(e.Record, allowed...); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	orig := e.Record.Original()
	if owner := e.Record.GetString("owner"); owner != orig.GetString("owner") {
		if c.id() != orig.GetString("owner") && !c.orgAdminOf(orig.GetString("organisation")) {
			return badRequest(e.RequestEvent, fieldError("owner", "pipeline_forbidden_field",
				"Only the project's owner or an organisation admin can hand it to someone else."))
		}
		if err := checkNewOwner(e.App, owner, orig.GetString("organisation")); err != nil {
			return badRequest(e.RequestEvent, err)
		}
	}
	if err := checkLinkedProjects(e); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	if err := guardProjectDates(e); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	if err := needsContact(e.Record); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	if len(changedFields(e.Record)) > 0 {
		e.Record.Set("lastActivityAt", types.NowDateTime())
	}
	from, to := orig.GetString("phase"), e.Record.GetString("phase")
	if from == to {
		return e.Next()
	}
	return inRequestTransaction(e, func(tx core.App) error {
		return recordPhaseChange(tx, e.Record, c.id(), from, to)
	})
}

func checkNewOwner(app core.App, ownerId, organisation string) error {
	u, err := app.FindRecordById(ColUsers, ownerId)
	if err != nil || u.GetString("organisation") != organisation || u.GetString("membership") != MembershipApproved {
		return fieldError("owner", "pipeline_owner_not_member", "The new owner must be an approved officer of the project's organisation.")
	}
	return nil
}

// resetChaseOnActivity ends any chase, and dormancy, once a project is
// confirmed or active again: any update, confirmation or phase change.
func resetChaseOnActivity(p *core.Record) {
	orig := p.Original()
	for _, field := range []string{"lastActivityAt", "lastConfirmedAt"} {
		if p.GetDateTime(field).After(orig.GetDateTime(field)) {
			p.Set("chaseStage", 0)
			p.Set("chasedAt", "")
			p.Set("dormantSince", "")
			return
		}
	}
}

// projectCreateDefaults fills what Pipeline sets on a new project: its
// organisation, owner, slug, contact and freshness dates.
func projectCreateDefaults(e *core.RecordEvent) error {
	if err := applyProjectDefaults(e.App, e.Record, time.Now()); err != nil {
		return err
	}
	return e.Next()
}

// projectValidate joins Pipeline's checks to PocketBase's field
// validation, so a form learns of every problem at once.
func projectValidate(e *core.RecordEvent) error {
	return mergeValidation(normaliseProject(e.App, e.Record), e.Next())
}

// projectUpdateResetChase ends the freshness chase when a save is
// activity.
func projectUpdateResetChase(e *core.RecordEvent) error {
	resetChaseOnActivity(e.Record)
	return e.Next()
}
