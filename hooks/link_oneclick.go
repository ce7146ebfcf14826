package hooks

import (
	"pipeline/hooks/signedlink"

	"bytes"
	"embed"
	"errors"
	"html/template"
	"net/http"
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

//go:embed templates
var templateFS embed.FS

var linkPage = template.Must(template.ParseFS(templateFS, "templates/link.html"))

// LinkPageRenderer is the key in the app's store of the function that
// draws a one-click link page in the site's layout (the pages, package
// web, set it). Without one, a page of its own is drawn.
const LinkPageRenderer = "pipelineLinkPageRenderer"

// LinkPageRenderFunc draws a one-click link page with a status.
type LinkPageRenderFunc func(e *core.RequestEvent, status int, page LinkPage) error

// LinkPage is what a one-click link page says. A page that asks has a
// button (Button) that posts back to Form.
type LinkPage struct {
	Failed         bool
	Heading        string
	Paragraphs     []string
	Link, LinkText string
	Form, Button   string
}

// linkHandler checks a signed link and carries out its action. A GET is a
// person following the link, or a mail scanner or link preview opening it:
// it changes nothing and shows a page whose one button posts the action.
// A POST carries it out: from that button it answers with a page; as RFC
// 8058's one-click unsubscribe that mail programs send
// (List-Unsubscribe=One-Click), with a plain answer.
func linkHandler(action string, handle func(core.App, signedlink.Claims, time.Time) (LinkPage, error)) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		now := time.Now()
		cfg, err := LoadConfig(e.App)
		if err != nil {
			return e.InternalServerError("", err)
		}
		claims, err := signedlink.Verify(cfg.LinkSecret, e.Request.URL.Query().Get("token"), now)
		if err == nil && claims.Action != action {
			err = signedlink.ErrInvalid
		}
		var result LinkPage
		status := http.StatusOK
		post := e.Request.Method == http.MethodPost
		switch {
		case err == nil && post:
			result, err = handle(e.App, claims, now)
		case err == nil:
			result = askByLink(e.App, claims)
			result.Form = e.Request.URL.RequestURI()
		}
		if err != nil {
			status = http.StatusBadRequest
			result = LinkPage{Failed: true, Heading: "This link does not work",
				Paragraphs: []string{upperFirst(err.Error()) + ".", "Sign in to Pipeline to do this instead."},
				Link:       "/my", LinkText: "Go to My Pipeline"}
			if !errors.Is(err, signedlink.ErrInvalid) && !errors.Is(err, signedlink.ErrExpired) {
				e.App.Logger().Error("one-click link", "action", action, "error", err)
			}
		}
		if post && e.Request.PostFormValue("List-Unsubscribe") == "One-Click" {
			return e.String(status, result.Heading+"\n")
		}
		if render, ok := e.App.Store().Get(LinkPageRenderer).(LinkPageRenderFunc); ok {
			return render(e, status, result)
		}
		var page bytes.Buffer
		if err := linkPage.Execute(&page, result); err != nil {
			return e.InternalServerError("", err)
		}
		e.Response.Header().Set("Content-Security-Policy", ContentSecurityPolicy)
		e.Response.Header().Set("Cache-Control", "no-store")
		e.Response.Header().Set("Referrer-Policy", "no-referrer")
		e.Response.Header().Set("X-Robots-Tag", "noindex")
		return e.HTML(status, page.String())
	}
}

// askByLink is the page a followed link shows before anything is done:
// what its button will do.
func askByLink(app core.App, c signedlink.Claims) LinkPage {
	title := "this project"
	if p, err := app.FindRecordById(ColProjects, c.Project); err == nil {
		title = p.GetString("title")
	}
	switch c.Action {
	case LinkConfirm:
		return LinkPage{Heading: "Is " + title + " still accurate?",
			Paragraphs: []string{"Confirming tells other councils that its page is up to date. If something has changed, update the project instead."},
			Button:     "Yes, it is still accurate"}
	case LinkUnsubscribe:
		return LinkPage{Heading: "Stop all emails from Pipeline?",
			Paragraphs: []string{"Your notifications will still be in My Pipeline, and you can choose to get emails again at any time."},
			Button:     "Stop all emails"}
	default:
		return LinkPage{Heading: "Stop emails about " + title + "?",
			Paragraphs: []string{"You will still get emails about other projects, and its news will still appear in My Pipeline."},
			Button:     "Stop emails about this project"}
	}
}

func confirmByLink(app core.App, c signedlink.Claims, now time.Time) (LinkPage, error) {
	p, err := confirmProject(app, c.User, c.Project, now)
	if err != nil {
		return LinkPage{}, err
	}
	return LinkPage{
		Heading:    "Thank you: " + p.GetString("title") + " is confirmed as still accurate",
		Paragraphs: []string{"Other councils can see it was confirmed on " + now.Format("2 January 2006") + ". If anything has changed, update it now."},
		Link:       projectPath(p), LinkText: "Update " + p.GetString("title"),
	}, nil
}

func unsubscribeByLink(app core.App, c signedlink.Claims, _ time.Time) (LinkPage, error) {
	u, err := app.FindRecordById(ColUsers, c.User)
	if err != nil {
		return LinkPage{}, errors.New("this account no longer exists")
	}
	u.Set("emailFrequency", FrequencyOff)
	if err := app.Save(u); err != nil {
		return LinkPage{}, err
	}
	return LinkPage{
		Heading:    "You will not get any more emails from Pipeline",
		Paragraphs: []string{"Your notifications are still in My Pipeline. You can choose to get emails again at any time."},
		Link:       "/my#settings", LinkText: "Change your email settings",
	}, nil
}

func muteByLink(app core.App, c signedlink.Claims, _ time.Time) (LinkPage, error) {
	u, err := app.FindRecordById(ColUsers, c.User)
	if err != nil {
		return LinkPage{}, errors.New("this account no longer exists")
	}
	p, err := app.FindRecordById(ColProjects, c.Project)
	if err != nil {
		return LinkPage{}, errors.New("this project no longer exists")
	}
	muted := u.GetStringSlice("mutedProjects")
	if !slices.Contains(muted, p.Id) {
		u.Set("mutedProjects", append(muted, p.Id))
		if err := app.Save(u); err != nil {
			return LinkPage{}, err
		}
	}
	return LinkPage{
		Heading:    "You will not get emails about " + p.GetString("title"),
		Paragraphs: []string{"You will still get emails about other projects. Its news still appears in My Pipeline."},
		Link:       "/my#settings", LinkText: "Change your email settings",
	}, nil
}
