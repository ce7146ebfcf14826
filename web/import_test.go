package web

import (
	"bytes"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"pipeline/hooks"
)

// upload posts the import form with a file, as a browser would.
func (b *browser) upload(csv string) (int, string) {
	b.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("csrf", b.csrfFrom("/admin/import"))
	_ = w.WriteField("step", "check")
	fw, _ := w.CreateFormFile("file", "tracker.csv")
	_, _ = fw.Write([]byte(csv))
	_ = w.Close()
	status, page, _ := b.do(http.MethodPost, "/admin/import", &body, map[string]string{"Content-Type": w.FormDataContentType()})
	return status, page
}

var hiddenCSV = regexp.MustCompile(`name="csv" value="([^"]*)"`)

func TestImportingATrackerWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	u, _ := b.app.FindAuthRecordByEmail(hooks.ColUsers, "officer@leeds.test")
	u.Set("role", hooks.RoleOrgAdmin)
	if err := b.app.Save(u); err != nil {
		t.Fatal(err)
	}
	b.signIn("officer@leeds.test")
	bad := "reference,title,summary,phase\r\nLD-1,Street lighting faults,Report a broken street light.,alpha\r\nLD-2,,No title.,sideways\r\n"
	status, page := b.upload(bad)
	if status != 200 || !strings.Contains(page, "What would happen") || !strings.Contains(page, "Cannot import") || strings.Contains(page, `name="csv"`) {
		t.Fatalf("checking a file with a bad row: %d", status)
	}
	good := "reference,title,summary,phase\r\nLD-1,Street lighting faults,Report a broken street light.,alpha\r\n"
	status, page = b.upload(good)
	m := hiddenCSV.FindStringSubmatch(page)
	if status != 200 || m == nil || !strings.Contains(page, "Import 1 project") {
		t.Fatalf("checking a good file: %d", status)
	}
	if _, err := b.app.FindFirstRecordByData(hooks.ColProjects, "externalRef", "LD-1"); err == nil {
		t.Fatal("the check saved a project")
	}
	status, page, _ = b.post("/admin/import", url.Values{"csrf": {b.cookie(csrfCookie)}, "step": {"import"}, "csv": {html.UnescapeString(m[1])}})
	if status != 200 || !strings.Contains(page, "What happened") || !strings.Contains(page, "Street lighting faults") {
		t.Fatalf("import: %d %s", status, page)
	}
	if _, err := b.app.FindFirstRecordByData(hooks.ColProjects, "externalRef", "LD-1"); err != nil {
		t.Fatal("not imported")
	}
	// An officer who is not an admin is told so.
	o := b.another()
	o.signIn("officer@bristol.test")
	if status, page := o.get("/admin/import"); status != http.StatusForbidden || !strings.Contains(page, "Only organisation admins") {
		t.Fatalf("an officer: %d", status)
	}
}
