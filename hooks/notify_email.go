package hooks

import (
	"bytes"
	htmltemplate "html/template"
	"net/mail"
	"net/url"
	"strings"
	texttemplate "text/template"
	"time"
	_ "time/tzdata" // dates in emails are shown in UK time on any host

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
)

var (
	emailHTML = htmltemplate.Must(htmltemplate.ParseFS(templateFS, "templates/email.html"))
	emailText = texttemplate.Must(texttemplate.ParseFS(templateFS, "templates/email.txt"))
)

// NoticeEmail is one email of notifications to one person: a single
// project's news, or a digest grouped by project.
type NoticeEmail struct {
	To             mail.Address
	Subject        string
	AppName        string
	Greeting       string
	Intro          string
	FrequencyText  string
	Groups         []EmailGroup
	SettingsURL    string
	UnsubscribeURL string
	MessageID      string
}

// EmailGroup is the news about one project (Project is empty for news
// about no project, such as membership).
type EmailGroup struct {
	Project, ProjectURL, MuteURL string
	Items                        []EmailItem
}

// EmailItem is one notification in an email.
type EmailItem struct {
	Title, Body, When     string
	URL, LinkText         string
	ActionURL, ActionText string
}

var frequencyText = map[string]string{
	FrequencyImmediate: "as things happen",
	FrequencyDaily:     "once a day at most",
	FrequencyWeekly:    "once a week at most",
}

// Message renders the email with HTML and plain-text parts and the
// one-click unsubscribe headers of RFC 8058.
func (m NoticeEmail) Message(from mail.Address) (*mailer.Message, error) {
	var html, text bytes.Buffer
	if err := emailHTML.Execute(&html, m); err != nil {
		return nil, err
	}
	if err := emailText.Execute(&text, m); err != nil {
		return nil, err
	}
	headers := map[string]string{
		"List-Unsubscribe":      "<" + m.UnsubscribeURL + ">",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		"Auto-Submitted":        "auto-generated",
	}
	if m.MessageID != "" {
		headers["Message-ID"] = m.MessageID
	}
	return &mailer.Message{
		From: from, To: []mail.Address{m.To}, Subject: m.Subject,
		HTML: html.String(), Text: text.String(), Headers: headers,
	}, nil
}

// emailBuilder turns notification records into emails for one recipient.
type emailBuilder struct {
	app  core.App
	cfg  Config
	user *core.Record
	now  time.Time
}

// build makes the email for notifications (already grouped by project in
// the order to show them).
func (b emailBuilder) build(subject, intro string, groups [][]*core.Record) (NoticeEmail, error) {
	uid := b.user.Id
	unsub, err := signedURL(b.app, b.cfg, LinkUnsubscribe, uid, "", b.now)
	if err != nil {
		return NoticeEmail{}, err
	}
	m := NoticeEmail{
		To:             mail.Address{Name: b.user.GetString("name"), Address: b.user.Email()},
		Subject:        subject,
		AppName:        b.app.Settings().Meta.AppName,
		Greeting:       "Hello " + firstName(b.user.GetString("name")) + ",",
		Intro:          intro,
		FrequencyText:  frequencyText[b.user.GetString("emailFrequency")],
		SettingsURL:    absoluteURL(b.app, "/my#settings"),
		UnsubscribeURL: unsub,
	}
	if m.FrequencyText == "" {
		m.FrequencyText = "when something needs your attention"
	}
	for _, records := range groups {
		g := EmailGroup{}
		if pid := records[0].GetString("project"); pid != "" {
			if p, err := b.app.FindRecordById(ColProjects, pid); err == nil {
				g.Project, g.ProjectURL = p.GetString("title"), absoluteURL(b.app, projectPath(p))
				if g.MuteURL, err = signedURL(b.app, b.cfg, LinkMute, uid, pid, b.now); err != nil {
					return m, err
				}
			}
		}
		for _, n := range records {
			item, err := b.item(n)
			if err != nil {
				return m, err
			}
			g.Items = append(g.Items, item)
		}
		m.Groups = append(m.Groups, g)
	}
	m.MessageID = "<pipeline-" + groups[0][0].Id + "@" + appHost(b.app) + ">"
	return m, nil
}

func (b emailBuilder) item(n *core.Record) (EmailItem, error) {
	item := EmailItem{
		Title: n.GetString("title"),
		Body:  n.GetString("body"),
		When:  n.GetDateTime("created").Time().In(ukTime).Format("2 January 2006 at 3:04pm"),
	}
	if u := n.GetString("url"); u != "" {
		item.URL, item.LinkText = absoluteURL(b.app, u), "View on "+b.app.Settings().Meta.AppName
	}
	switch n.GetString("kind") {
	case KindStaleProject, KindStaleReminder, KindStaleAdmins:
		link, err := signedURL(b.app, b.cfg, LinkConfirm, b.user.Id, n.GetString("project"), b.now)
		if err != nil {
			return item, err
		}
		item.ActionURL, item.ActionText = link, "Yes, it is still accurate"
		item.LinkText = "Update the project"
	}
	return item, nil
}

// ukTime is the time zone dates in emails are shown in.
var ukTime = func() *time.Location {
	if loc, err := time.LoadLocation("Europe/London"); err == nil {
		return loc
	}
	return time.UTC
}()

func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return "there"
}

func appHost(app core.App) string {
	if u, err := url.Parse(app.Settings().Meta.AppURL); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "pipeline.invalid"
}

func mailAddress(name, address string) mail.Address {
	return mail.Address{Name: name, Address: address}
}
