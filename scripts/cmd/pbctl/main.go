// Command pbctl drives a running Pipeline through its REST API for the
// reliability drills (scripts/drills.sh). Every subcommand prints its
// figures as key=value pairs on one line, so the script can read them, and
// exits non-zero when something is wrong.
//
// Usage:
//
//	pbctl SUBCOMMAND -base URL -email SUPERUSER -password PASSWORD [flags]
//
// Subcommands:
//
//	freeport     print a free TCP port on 127.0.0.1; no -base
//	tcpwait      wait until something listens on -addr (-timeout); no -base
//	wait         wait until GET /api/health answers 200 (-timeout)
//	prepare      turn rate limits off, so drills may send bursts from one address
//	count        count a collection's records as superuser (-collection)
//	present      look up acknowledged project ids through the API (-ids)
//	serves       health, a public records list and a superuser count
//	backup       count, POST /api/backups, count again, then download the ZIP
//	             with a superuser file token (-name, -out)
//	unzip        unpack a backup ZIP into a directory (-zip, -dir); no -base
//	cron         run a cron job now with POST /api/crons/{id} (-id)
//	mail-setup   set SMTP, the app URL and the batch API, give organisations email domains,
//	             create verified officers, their projects and their interest
//	             in each other's projects (-smtp-port, -pairs, -tag, -offset, -state)
//	mail-state   the delivery state of a mail-setup's notifications
//	             (-state; -settle N waits until each has been tried N times
//	             or sent; -all-sent waits until all are sent)
//	mail-reset   clear nextAttemptAt of the pending notifications in one
//	             batch request (-state)
//	mail-verify  compare a sink's file with the notifications (-state, -sink)
package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fail("usage: pbctl SUBCOMMAND [flags] (see the package documentation)")
	}
	sub, args := os.Args[1], os.Args[2:]
	fs := flag.NewFlagSet("pbctl "+sub, flag.ExitOnError)
	c := &client{http: &http.Client{Timeout: 60 * time.Second}}
	fs.StringVar(&c.base, "base", "http://127.0.0.1:8090", "Pipeline's base URL")
	fs.StringVar(&c.email, "email", "", "superuser email")
	fs.StringVar(&c.password, "password", "", "superuser password")
	var err error
	switch sub {
	case "freeport":
		parse(fs, args)
		err = freePort()
	case "tcpwait":
		addr := fs.String("addr", "", "host:port")
		timeout := fs.Duration("timeout", 10*time.Second, "how long to wait")
		parse(fs, args)
		err = tcpWait(*addr, *timeout)
	case "present":
		ids := fs.String("ids", "", "drillwriter's file of acknowledged ids")
		parse(fs, args)
		err = c.present(*ids)
	case "wait":
		timeout := fs.Duration("timeout", 30*time.Second, "how long to wait")
		parse(fs, args)
		err = c.wait(*timeout)
	case "prepare":
		parse(fs, args)
		err = c.prepare()
	case "count":
		collection := fs.String("collection", "projects", "collection")
		parse(fs, args)
		var n int
		if n, err = c.count(*collection); err == nil {
			fmt.Printf("count=%d\n", n)
		}
	case "serves":
		parse(fs, args)
		err = c.serves()
	case "backup":
		name := fs.String("name", "drill.zip", "backup name ([a-z0-9_-]+.zip)")
		out := fs.String("out", "", "where to save the downloaded ZIP (required)")
		parse(fs, args)
		err = c.backup(*name, *out)
	case "unzip":
		zipPath := fs.String("zip", "", "backup ZIP")
		dir := fs.String("dir", "", "directory to unpack into")
		parse(fs, args)
		err = unzip(*zipPath, *dir)
	case "cron":
		id := fs.String("id", "deliver_notifications", "cron job id")
		parse(fs, args)
		err = c.cron(*id)
	case "mail-setup":
		port := fs.Int("smtp-port", 0, "port of the SMTP server")
		pairs := fs.Int("pairs", 5, "owner/officer pairs, one project each")
		tag := fs.String("tag", "a", "a short tag that keeps this setup's people apart")
		offset := fs.Int("offset", 0, "index of the first organisation to use")
		extra := fs.Bool("extra", true, "a second officer also expresses interest in each project (coalesced into the same email)")
		state := fs.String("state", "", "file to write the setup to (required)")
		parse(fs, args)
		err = c.mailSetup(*port, *pairs, *tag, *offset, *extra, *state)
	case "mail-state":
		state := fs.String("state", "", "mail-setup's file")
		settle := fs.Int("settle", 0, "wait until every notification is sent or was tried at least this many times")
		allSent := fs.Bool("all-sent", false, "wait until every notification is sent")
		timeout := fs.Duration("timeout", 30*time.Second, "how long to wait")
		parse(fs, args)
		err = c.mailState(*state, *settle, *allSent, *timeout)
	case "mail-reset":
		state := fs.String("state", "", "mail-setup's file")
		parse(fs, args)
		err = c.mailReset(*state)
	case "mail-verify":
		state := fs.String("state", "", "mail-setup's file")
		sink := fs.String("sink", "", "smtpsink's output file")
		parse(fs, args)
		err = c.mailVerify(*state, *sink)
	default:
		fail("pbctl: unknown subcommand " + sub)
	}
	if err != nil {
		fail("pbctl " + sub + ": " + err.Error())
	}
}

func parse(fs *flag.FlagSet, args []string) {
	_ = fs.Parse(args) // ExitOnError
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(1)
}

// client talks to one Pipeline.
type client struct {
	http                  *http.Client
	base, email, password string
	token                 string
}

// apiError is a non-2xx answer.
type apiError struct {
	status int
	body   string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("status %d: %s", e.status, strings.TrimSpace(e.body))
}

// do sends a JSON request (as token, if not empty) and decodes a 2xx answer
// into out, if out is not nil.
func (c *client) do(method, path, token string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode < 200 || res.StatusCode > 299 {
		b, _ := io.ReadAll(io.LimitReader(res.Body, 2000))
		return fmt.Errorf("%s %s: %w", method, path, &apiError{res.StatusCode, string(b)})
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(res.Body).Decode(out)
}

// su signs in as the superuser once and returns the token.
func (c *client) su() (string, error) {
	if c.token != "" {
		return c.token, nil
	}
	var auth struct {
		Token string `json:"token"`
	}
	body := map[string]string{"identity": c.email, "password": c.password}
	if err := c.do(http.MethodPost, "/api/collections/_superusers/auth-with-password", "", body, &auth); err != nil {
		return "", fmt.Errorf("superuser sign-in: %w", err)
	}
	c.token = auth.Token
	return c.token, nil
}

func freePort() error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer l.Close()
	fmt.Println(l.Addr().(*net.TCPAddr).Port)
	return nil
}

func tcpWait(addr string, timeout time.Duration) error {
	start := time.Now()
	for time.Since(start) < timeout {
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			fmt.Printf("listening_ms=%d\n", time.Since(start).Milliseconds())
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("nothing listens on %s after %s", addr, timeout)
}

// present checks through the API that every acknowledged project exists.
func (c *client) present(idsPath string) error {
	b, err := os.ReadFile(idsPath)
	if err != nil {
		return err
	}
	var ids []string
	for _, line := range strings.Split(string(b), "\n") {
		if id, _, _ := strings.Cut(line, "\t"); id != "" {
			ids = append(ids, id)
		}
	}
	tok, err := c.su()
	if err != nil {
		return err
	}
	found := 0
	for start := 0; start < len(ids); start += 50 {
		chunk := ids[start:min(start+50, len(ids))]
		parts := make([]string, len(chunk))
		for i, id := range chunk {
			parts[i] = fmt.Sprintf("id=%q", id)
		}
		q := url.Values{"perPage": {"100"}, "fields": {"id"}, "skipTotal": {"1"}, "filter": {strings.Join(parts, "||")}}
		var l list[record]
		if err := c.do(http.MethodGet, "/api/collections/projects/records?"+q.Encode(), tok, nil, &l); err != nil {
			return err
		}
		found += len(l.Items)
	}
	fmt.Printf("acked=%d found_via_api=%d missing=%d\n", len(ids), found, len(ids)-found)
	if found != len(ids) {
		return errors.New("acknowledged projects are missing")
	}
	return nil
}

func (c *client) wait(timeout time.Duration) error {
	start := time.Now()
	for time.Since(start) < timeout {
		if err := c.do(http.MethodGet, "/api/health", "", nil, nil); err == nil {
			fmt.Printf("ready_ms=%d\n", time.Since(start).Milliseconds())
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("%s did not answer /api/health within %s", c.base, timeout)
}

func (c *client) prepare() error {
	// Sign-in is limited to 2 requests per 3 seconds per address: wait out
	// a refusal rather than fail.
	var err error
	for i := 0; i < 10; i++ {
		if _, err = c.su(); err == nil {
			break
		}
		var ae *apiError
		if !errors.As(err, &ae) || ae.status != http.StatusTooManyRequests {
			return err
		}
		time.Sleep(time.Second)
	}
	if err != nil {
		return err
	}
	body := map[string]any{"rateLimits": map[string]any{"enabled": false}}
	if err := c.do(http.MethodPatch, "/api/settings", c.token, body, nil); err != nil {
		return err
	}
	fmt.Println("rate_limits=off")
	return nil
}

// list is a page of records.
type list[T any] struct {
	Items      []T `json:"items"`
	TotalItems int `json:"totalItems"`
}

func (c *client) count(collection string) (int, error) {
	tok, err := c.su()
	if err != nil {
		return 0, err
	}
	var l list[map[string]any]
	if err := c.do(http.MethodGet, "/api/collections/"+collection+"/records?perPage=1&fields=id", tok, nil, &l); err != nil {
		return 0, err
	}
	return l.TotalItems, nil
}

// serves checks that an instance answers: health, a public list of
// projects, and the superuser's count of them.
func (c *client) serves() error {
	if err := c.do(http.MethodGet, "/api/health", "", nil, nil); err != nil {
		return err
	}
	var public list[map[string]any]
	if err := c.do(http.MethodGet, "/api/collections/projects/records?perPage=5", "", nil, &public); err != nil {
		return fmt.Errorf("public list: %w", err)
	}
	if len(public.Items) == 0 {
		return errors.New("the public list of projects is empty")
	}
	n, err := c.count("projects")
	if err != nil {
		return err
	}
	fmt.Printf("health=ok public_list=%d count=%d\n", public.TotalItems, n)
	return nil
}

func (c *client) backup(name, out string) error {
	if out == "" {
		return errors.New("-out is required")
	}
	tok, err := c.su()
	if err != nil {
		return err
	}
	before, err := c.count("projects")
	if err != nil {
		return err
	}
	started := time.Now()
	if err := c.do(http.MethodPost, "/api/backups", tok, map[string]string{"name": name}, nil); err != nil {
		return err
	}
	took := time.Since(started)
	after, err := c.count("projects")
	if err != nil {
		return err
	}
	var ft struct {
		Token string `json:"token"`
	}
	if err := c.do(http.MethodPost, "/api/files/token", tok, nil, &ft); err != nil {
		return err
	}
	res, err := c.http.Get(c.base + "/api/backups/" + url.PathEscape(name) + "?token=" + url.QueryEscape(ft.Token))
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("download %s: status %d", name, res.StatusCode)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	size, err := io.Copy(f, res.Body)
	if err2 := f.Close(); err == nil {
		err = err2
	}
	if err != nil {
		return fmt.Errorf("download %s: %w", name, err)
	}
	fmt.Printf("before=%d after=%d started=%d backup_ms=%d size=%d\n", before, after, started.UnixNano(), took.Milliseconds(), size)
	return nil
}

// unzip unpacks a backup into dir, refusing paths that leave it.
func unzip(zipPath, dir string) error {
	if zipPath == "" || dir == "" {
		return errors.New("-zip and -dir are required")
	}
	r, err := zip.OpenReader(zipPath)
	if err != nil {
		return err
	}
	defer r.Close()
	var names []string
	for _, f := range r.File {
		target := filepath.Join(dir, filepath.FromSlash(f.Name))
		if !strings.HasPrefix(target, filepath.Clean(dir)+string(os.PathSeparator)) {
			return fmt.Errorf("unsafe path in the backup: %q", f.Name)
		}
		if f.FileInfo().IsDir() {
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := extract(f, target); err != nil {
			return err
		}
		names = append(names, f.Name)
	}
	fmt.Printf("files=%d contents=%s\n", len(names), strings.Join(names, ","))
	return nil
}

func extract(f *zip.File, target string) error {
	src, err := f.Open()
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

func (c *client) cron(id string) error {
	tok, err := c.su()
	if err != nil {
		return err
	}
	// PocketBase v0.40 starts the job in the background and answers 204
	// at once; callers poll for its effects.
	if err := c.do(http.MethodPost, "/api/crons/"+url.PathEscape(id), tok, nil, nil); err != nil {
		return err
	}
	fmt.Printf("triggered=%s\n", id)
	return nil
}

// mailSetup is what mail-setup made, for the other mail subcommands.
type mailSetup struct {
	Tag       string      `json:"tag"`
	Owners    []setupUser `json:"owners"`
	Officers  []setupUser `json:"officers"`
	Projects  []string    `json:"projects"`
	Interests int         `json:"interests"`
}

type setupUser struct {
	Id    string `json:"id"`
	Email string `json:"email"`
}

func (s mailSetup) userIds() []string {
	var ids []string
	for _, u := range append(append([]setupUser{}, s.Owners...), s.Officers...) {
		ids = append(ids, u.Id)
	}
	return ids
}

type record = map[string]any

func str(r record, k string) string {
	s, _ := r[k].(string)
	return s
}

func (c *client) mailSetup(port, pairs int, tag string, offset int, extra bool, statePath string) error {
	if port == 0 || statePath == "" {
		return errors.New("-smtp-port and -state are required")
	}
	tok, err := c.su()
	if err != nil {
		return err
	}
	settings := map[string]any{
		"meta": map[string]any{"appURL": c.base, "senderName": "Pipeline drill", "senderAddress": "pipeline@drill.example"},
		"smtp": map[string]any{"enabled": true, "host": "127.0.0.1", "port": port, "tls": false, "username": "", "password": ""},
		// mail-reset clears back-offs in one batch: one transaction.
		"batch": map[string]any{"enabled": true, "maxRequests": 1000, "timeout": 10},
	}
	if err := c.do(http.MethodPatch, "/api/settings", tok, settings, nil); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	// Organisations come from the council seed; each pair uses two.
	var orgs list[record]
	q := url.Values{"perPage": {fmt.Sprint(offset + 2*pairs)}, "sort": {"name,id"}, "fields": {"id,name"}}
	if err := c.do(http.MethodGet, "/api/collections/organisations/records?"+q.Encode(), tok, nil, &orgs); err != nil {
		return err
	}
	if len(orgs.Items) < offset+2*pairs {
		return fmt.Errorf("only %d organisations", len(orgs.Items))
	}
	orgs.Items = orgs.Items[offset : offset+2*pairs]
	domains := make([]string, len(orgs.Items))
	for i, o := range orgs.Items {
		domains[i] = fmt.Sprintf("drill-%s-%d.example", tag, i)
		body := map[string]any{"emailDomains": []string{domains[i]}}
		if err := c.do(http.MethodPatch, "/api/collections/organisations/records/"+str(o, "id"), tok, body, nil); err != nil {
			return fmt.Errorf("email domain for %s: %w", str(o, "name"), err)
		}
	}
	const pw = "drill-password-1"
	newUser := func(local string, org int) (setupUser, string, error) {
		email := local + "@" + domains[org]
		var u record
		body := map[string]any{
			"email": email, "password": pw, "passwordConfirm": pw, "verified": true,
			"name": strings.ToUpper(local[:1]) + local[1:] + " Drill", "emailFrequency": "immediate",
		}
		if err := c.do(http.MethodPost, "/api/collections/users/records", tok, body, &u); err != nil {
			return setupUser{}, "", fmt.Errorf("create %s: %w", email, err)
		}
		if str(u, "membership") != "approved" || str(u, "organisation") != str(orgs.Items[org], "id") {
			return setupUser{}, "", fmt.Errorf("%s was not admitted by domain: membership %q", email, str(u, "membership"))
		}
		var auth struct {
			Token string `json:"token"`
		}
		if err := c.do(http.MethodPost, "/api/collections/users/auth-with-password", "", map[string]string{"identity": email, "password": pw}, &auth); err != nil {
			return setupUser{}, "", fmt.Errorf("sign in %s: %w", email, err)
		}
		return setupUser{Id: str(u, "id"), Email: email}, auth.Token, nil
	}
	s := mailSetup{Tag: tag}
	words := []string{"harbour", "meadow", "lantern", "quarry", "orchard", "beacon", "willow", "granite",
		"falcon", "thistle", "copper", "heather", "juniper", "marble", "osprey", "pebble", "saffron", "tundra",
		"walnut", "zephyr", "acorn", "bramble", "cobalt", "dune", "ember", "fjord", "glade", "hazel"}
	for i := 0; i < pairs; i++ {
		owner, ownerTok, err := newUser(fmt.Sprintf("owner%s%d", tag, i), 2*i)
		if err != nil {
			return err
		}
		var p record
		title := fmt.Sprintf("%s %s register %s%d", strings.ToUpper(words[i%len(words)][:1])+words[i%len(words)][1:], words[(i*7+3)%len(words)], tag, i)
		body := map[string]any{"title": title, "summary": "A drill project about " + words[i%len(words)] + ".",
			"organisation": str(orgs.Items[2*i], "id"), "visibility": "published", "contactEmail": owner.Email}
		if err := c.do(http.MethodPost, "/api/collections/projects/records", ownerTok, body, &p); err != nil {
			return fmt.Errorf("project of %s: %w", owner.Email, err)
		}
		s.Owners = append(s.Owners, owner)
		s.Projects = append(s.Projects, str(p, "id"))
		officers := 1
		if extra {
			officers = 2
		}
		for k := 0; k < officers; k++ {
			officer, officerTok, err := newUser(fmt.Sprintf("officer%s%d%c", tag, i, 'a'+k), 2*i+1)
			if err != nil {
				return err
			}
			s.Officers = append(s.Officers, officer)
			kind := []string{"join", "reuse"}[k]
			body := map[string]any{"project": str(p, "id"), "kind": kind, "message": "Drill interest."}
			if err := c.do(http.MethodPost, "/api/collections/interests/records", officerTok, body, nil); err != nil {
				return fmt.Errorf("interest of %s: %w", officer.Email, err)
			}
			s.Interests++
		}
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(statePath, b, 0o644); err != nil {
		return err
	}
	ns, err := c.notifications(s)
	if err != nil {
		return err
	}
	fmt.Printf("owners=%d officers=%d projects=%d interests=%d notifications=%d\n",
		len(s.Owners), len(s.Officers), len(s.Projects), s.Interests, len(ns))
	return nil
}

func readSetup(path string) (mailSetup, error) {
	var s mailSetup
	b, err := os.ReadFile(path)
	if err != nil {
		return s, err
	}
	return s, json.Unmarshal(b, &s)
}

// notice is a notification's delivery state.
type notice struct {
	Id            string `json:"id"`
	User          string `json:"user"`
	Project       string `json:"project"`
	Kind          string `json:"kind"`
	EmailState    string `json:"emailState"`
	Attempts      int    `json:"attempts"`
	NextAttemptAt string `json:"nextAttemptAt"`
	SendingAt     string `json:"sendingAt"`
	LastError     string `json:"lastError"`
	Created       string `json:"created"`
}

// notifications lists every notification of a setup's people.
func (c *client) notifications(s mailSetup) ([]notice, error) {
	tok, err := c.su()
	if err != nil {
		return nil, err
	}
	var parts []string
	for _, id := range s.userIds() {
		parts = append(parts, fmt.Sprintf("user=%q", id))
	}
	var out []notice
	for page := 1; ; page++ {
		q := url.Values{"perPage": {"200"}, "page": {fmt.Sprint(page)}, "sort": {"created,id"},
			"filter": {strings.Join(parts, "||")}}
		var l list[notice]
		if err := c.do(http.MethodGet, "/api/collections/notifications/records?"+q.Encode(), tok, nil, &l); err != nil {
			return nil, err
		}
		out = append(out, l.Items...)
		if len(l.Items) < 200 {
			return out, nil
		}
	}
}

// tally counts notifications by delivery state.
type tally struct {
	total, pending, sent, failed, skipped, sending, minAttempts, maxAttempts int
	sentEmails                                                               int
	lastError                                                                string
	errors                                                                   []string // distinct, in order
}

func count(ns []notice) tally {
	t := tally{total: len(ns), minAttempts: -1}
	sentGroups := map[string]bool{}
	for _, n := range ns {
		if n.EmailState == "sent" {
			sentGroups[n.User+"/"+n.Project] = true
		}
		switch n.EmailState {
		case "pending":
			t.pending++
		case "sent":
			t.sent++
		case "failed":
			t.failed++
		case "skipped":
			t.skipped++
		}
		if n.SendingAt != "" {
			t.sending++
		}
		if n.EmailState == "pending" {
			if t.minAttempts < 0 || n.Attempts < t.minAttempts {
				t.minAttempts = n.Attempts
			}
			if n.LastError != "" {
				t.lastError = n.LastError
				if e := oneWord(n.LastError); !slices.Contains(t.errors, e) {
					t.errors = append(t.errors, e)
				}
			}
		}
		t.maxAttempts = max(t.maxAttempts, n.Attempts)
	}
	if t.minAttempts < 0 {
		t.minAttempts = 0
	}
	t.sentEmails = len(sentGroups)
	return t
}

func (t tally) String() string {
	s := fmt.Sprintf("notifications=%d pending=%d sent=%d failed=%d skipped=%d in_flight=%d min_attempts_pending=%d max_attempts=%d sent_emails=%d",
		t.total, t.pending, t.sent, t.failed, t.skipped, t.sending, t.minAttempts, t.maxAttempts, t.sentEmails)
	if t.lastError != "" {
		s += " last_error=" + oneWord(t.lastError)
	}
	if len(t.errors) > 1 {
		s += " errors=" + strings.Join(t.errors, "|")
	}
	return s
}

// oneWord makes an error message one short key=value-safe word.
func oneWord(e string) string {
	e = strings.Join(strings.Fields(e), "_")
	if len(e) > 80 {
		e = e[:80]
	}
	return e
}

func (c *client) mailState(statePath string, settle int, allSent bool, timeout time.Duration) error {
	s, err := readSetup(statePath)
	if err != nil {
		return err
	}
	start := time.Now()
	for {
		ns, err := c.notifications(s)
		if err != nil {
			return err
		}
		t := count(ns)
		done := true
		switch {
		case allSent:
			done = t.sent+t.failed+t.skipped == t.total
		case settle > 0:
			done = t.sending == 0 && (t.pending == 0 || t.minAttempts >= settle)
		}
		if done {
			fmt.Printf("%s waited_ms=%d\n", t, time.Since(start).Milliseconds())
			return nil
		}
		if time.Since(start) > timeout {
			fmt.Println(t)
			return fmt.Errorf("not settled after %s", timeout)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// mailReset makes pending notifications due now, instead of waiting out
// their back-off (1, 2, 4 … minutes). mail-setup turned the batch API on.
func (c *client) mailReset(statePath string) error {
	s, err := readSetup(statePath)
	if err != nil {
		return err
	}
	ns, err := c.notifications(s)
	if err != nil {
		return err
	}
	tok, err := c.su()
	if err != nil {
		return err
	}
	// One batch request is one transaction, so a delivery run (the
	// cron's own, every minute) sees either none or all of the changes,
	// never half of a person's news.
	var requests []map[string]any
	for _, x := range ns {
		if x.EmailState != "pending" || x.NextAttemptAt == "" {
			continue
		}
		requests = append(requests, map[string]any{
			"method": http.MethodPatch,
			"url":    "/api/collections/notifications/records/" + x.Id,
			"body":   map[string]any{"nextAttemptAt": ""},
		})
	}
	n := len(requests)
	if n > 0 {
		if err := c.do(http.MethodPost, "/api/batch", tok, map[string]any{"requests": requests}, nil); err != nil {
			return err
		}
	}
	fmt.Printf("reset=%d\n", n)
	return nil
}

// mailVerify checks that each email the notifications make (one per
// person and project) arrived at the sink exactly once, and that every
// notification is marked sent.
func (c *client) mailVerify(statePath, sinkPath string) error {
	s, err := readSetup(statePath)
	if err != nil {
		return err
	}
	ns, err := c.notifications(s)
	if err != nil {
		return err
	}
	t := count(ns)
	emails := map[string]string{}
	for _, u := range append(append([]setupUser{}, s.Owners...), s.Officers...) {
		emails[u.Id] = u.Email
	}
	// An email is one person's news about one project; its Message-ID
	// names the first notification in it.
	groupOf := map[string]string{} // notification id -> group
	groupTo := map[string]string{}
	for _, n := range ns {
		g := n.User + "/" + n.Project
		groupOf[n.Id] = g
		groupTo[g] = emails[n.User]
	}
	f, err := os.Open(sinkPath)
	if err != nil {
		return err
	}
	defer f.Close()
	seenIds := map[string]int{}
	perGroup := map[string]int{}
	lines, unexpected, wrongTo := 0, 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if sc.Text() == "" {
			continue
		}
		lines++
		fields := strings.Split(sc.Text(), "\t")
		for len(fields) < 3 {
			fields = append(fields, "")
		}
		id, to := fields[0], fields[1]
		seenIds[id]++
		nid := strings.TrimPrefix(id, "<pipeline-")
		nid, _, _ = strings.Cut(nid, "@")
		g, ok := groupOf[nid]
		if !ok {
			unexpected++
			fmt.Fprintf(os.Stderr, "unexpected message %s to %s\n", id, to)
			continue
		}
		if !strings.EqualFold(to, groupTo[g]) {
			wrongTo++
			fmt.Fprintf(os.Stderr, "message %s went to %s, not %s\n", id, to, groupTo[g])
		}
		perGroup[g]++
	}
	if err := sc.Err(); err != nil {
		return err
	}
	duplicates, missing := 0, 0
	for _, k := range seenIds {
		duplicates += k - 1
	}
	var groups []string
	for g := range groupTo {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	for _, g := range groups {
		switch k := perGroup[g]; {
		case k == 0:
			missing++
			fmt.Fprintf(os.Stderr, "no email to %s for %s\n", groupTo[g], g)
		case k > 1:
			fmt.Fprintf(os.Stderr, "%d emails to %s for %s\n", k, groupTo[g], g)
		}
	}
	fmt.Printf("%s expected_emails=%d received=%d unique_message_ids=%d duplicates=%d missing=%d unexpected=%d wrong_recipient=%d\n",
		t, len(groups), lines, len(seenIds), duplicates, missing, unexpected, wrongTo)
	if t.sent != t.total || duplicates > 0 || missing > 0 || unexpected > 0 || wrongTo > 0 || lines != len(groups) {
		return errors.New("delivery does not match: see the figures above")
	}
	return nil
}
