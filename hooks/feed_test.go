package hooks

import (
	"strings"
	"testing"
)

func TestFeedAddressesAreCheckedWhenSaved(t *testing.T) {
	for raw, want := range map[string]string{
		"https://digital.leeds.example/tag/waste/feed.atom": "",
		"HTTPS://Blog.Example.ORG/feed/#top":                "",
		"http://weeknotes.example.gov.uk/rss":               "",
		"ftp://files.example.org/feed":                      codeInvalidAddress,
		"javascript:alert(1)":                               codeInvalidAddress,
		"file:///etc/passwd":                                codeInvalidAddress,
		"feed.example.org/rss":                              codeInvalidAddress,
		"https://user:secret@blog.example.org/feed":         codeInvalidAddress,
		"https://" + strings.Repeat("a", 500) + ".org/":     codeInvalidAddress,
		"http://127.0.0.1:8080/feed":                        codePrivateAddress,
		"http://localhost/feed":                             codePrivateAddress,
		"http://feeds.localhost/feed":                       codePrivateAddress,
		"http://[::1]/feed":                                 codePrivateAddress,
		"http://[::ffff:127.0.0.1]/feed":                    codePrivateAddress,
		"http://10.0.0.5/feed":                              codePrivateAddress,
		"http://172.16.4.1/feed":                            codePrivateAddress,
		"http://192.168.1.1/feed":                           codePrivateAddress,
		"http://169.254.169.254/latest/meta-data/":          codePrivateAddress,
		"http://[fd00:ec2::254]/":                           codePrivateAddress,
		"http://[fe80::1]/":                                 codePrivateAddress,
		"http://100.64.0.1/":                                codePrivateAddress,
		"http://0.0.0.0/":                                   codePrivateAddress,
		"http://metadata.google.internal/computeMetadata/":  codePrivateAddress,
		"http://metadata/":                                  codePrivateAddress,
		"http://intranet/feed":                              codePrivateAddress,
		"http://printer.local/":                             codePrivateAddress,
		"http://2130706433/":                                codePrivateAddress,
		"http://0x7f.1/":                                    codePrivateAddress,
		"http://127.1/":                                     codePrivateAddress,
	} {
		_, problem := checkFeedURL(raw, false)
		got := ""
		if problem != nil {
			got = problem.code
		}
		if got != want {
			t.Errorf("%s: %q, want %q", raw, got, want)
		}
	}
	if norm, _ := checkFeedURL("HTTPS://Blog.Example.ORG/Feed/#top", false); norm != "https://blog.example.org/Feed/" {
		t.Errorf("tidied: %s", norm)
	}
}

func TestOnlyTheTestSwitchLetsLoopbackThrough(t *testing.T) {
	for _, v := range []string{"", "0", "true", "yes", "on", " 1", "1 ", "01"} {
		t.Setenv(EnvFeedsLoopback, v)
		if feedsAllowLoopback() {
			t.Errorf("%s=%q lets loopback through", EnvFeedsLoopback, v)
		}
		if _, p := checkFeedURL("http://127.0.0.1:8080/feed", feedsAllowLoopback()); p == nil {
			t.Errorf("%s=%q: loopback saved", EnvFeedsLoopback, v)
		}
	}
	t.Setenv(EnvFeedsLoopback, "1")
	for raw, ok := range map[string]bool{
		"http://127.0.0.1:8080/feed": true, "http://127.9.9.9/feed": true,
		"http://[::1]/feed": false, "http://localhost/feed": false, "http://10.0.0.5/feed": false,
		"http://169.254.169.254/latest/meta-data/": false, "http://192.168.1.1/": false, "http://[fd00:ec2::254]/": false,
	} {
		if _, p := checkFeedURL(raw, feedsAllowLoopback()); (p == nil) != ok {
			t.Errorf("with the test switch, %s: %v", raw, p)
		}
	}
	// The federation's switch is not the feeds'.
	t.Setenv(EnvFeedsLoopback, "")
	t.Setenv(EnvFederationLoopback, "1")
	if _, p := checkFeedURL("http://127.0.0.1:8080/feed", feedsAllowLoopback()); p == nil {
		t.Error("the federation's test switch lets feeds on loopback through")
	}
}

func TestRepositoryAddresses(t *testing.T) {
	type want struct{ norm, releases, commits string }
	for raw, w := range map[string]want{
		"https://github.com/alphagov/govuk-frontend": {"https://github.com/alphagov/govuk-frontend",
			"https://github.com/alphagov/govuk-frontend/releases.atom", "https://github.com/alphagov/govuk-frontend/commits.atom"},
		"http://www.github.com/LocalGovDigital/pipeline.git/": {"https://github.com/LocalGovDigital/pipeline",
			"https://github.com/LocalGovDigital/pipeline/releases.atom", "https://github.com/LocalGovDigital/pipeline/commits.atom"},
		"https://github.com/leeds/bins/tree/main/src": {"https://github.com/leeds/bins",
			"https://github.com/leeds/bins/releases.atom", "https://github.com/leeds/bins/commits.atom"},
		"https://gitlab.com/gitlab-org/gitlab": {"https://gitlab.com/gitlab-org/gitlab",
			"https://gitlab.com/gitlab-org/gitlab/-/tags?format=atom", "https://gitlab.com/gitlab-org/gitlab/-/commits/main?format=atom"},
		"https://gitlab.com/council/digital/bins.git": {"https://gitlab.com/council/digital/bins",
			"https://gitlab.com/council/digital/bins/-/tags?format=atom", "https://gitlab.com/council/digital/bins/-/commits/main?format=atom"},
		"https://gitlab.council.gov.uk/team/service/-/tree/develop": {"https://gitlab.council.gov.uk/team/service/-/tree/develop",
			"https://gitlab.council.gov.uk/team/service/-/tags?format=atom", "https://gitlab.council.gov.uk/team/service/-/commits/develop?format=atom"},
		"https://github.com/alphagov":        {},
		"https://gitlab.com/justagroup":      {},
		"https://example.org/":               {},
		"https://gitlab.com/a/../b":          {},
		"https://gitlab.com/a/b%2F..%2Fc":    {},
		"http://10.0.0.1/team/service":       {},
		"http://localhost:8929/team/service": {},
	} {
		norm, problem := checkRepoURL(raw, false)
		if w.norm == "" {
			if problem == nil {
				t.Errorf("%s saved as %s", raw, norm)
			}
			continue
		}
		if problem != nil || norm != w.norm {
			t.Errorf("%s: %q %v, want %q", raw, norm, problem, w.norm)
			continue
		}
		r, _ := parseRepo(norm)
		branch := r.branch
		if branch == "" {
			branch = "main"
		}
		if r.releasesFeed() != w.releases || r.commitsFeed(branch) != w.commits {
			t.Errorf("%s: feeds %s and %s", raw, r.releasesFeed(), r.commitsFeed(branch))
		}
	}
	if _, p := checkRepoURL("https://github.com/alphagov", false); p == nil || p.code != codeNotARepository {
		t.Errorf("an account is not a repository: %v", p)
	}
	if _, p := checkRepoURL("http://169.254.169.254/a/b", false); p == nil || p.code != codePrivateAddress {
		t.Errorf("the metadata address as a repository: %v", p)
	}
}

// A save that gives a bad address is refused with a 400 that names the
// field, through the record API, for everyone (superusers too).
func TestSavingABadSourceNamesTheField(t *testing.T) {
	cases := []accessCase{
		{name: "a feed on the metadata address", method: "PATCH", url: recURL(ColProjects, fx.pubA),
			body: `{"feedUrl":"http://169.254.169.254/latest/meta-data/"}`,
			want: map[string]want{
				"ownOfficer": {status: 400, content: []string{`"data":{"feedUrl":{"code":"pipeline_private_address"`}},
				"orgAdmin":   {status: 400, content: []string{`"feedUrl":{"code":"pipeline_private_address"`}},
				"superuser":  {status: 400, content: []string{`"feedUrl":{"code":"pipeline_private_address"`}},
			}},
		{name: "a feed that is not a web address", method: "PATCH", url: recURL(ColProjects, fx.pubA),
			body: `{"feedUrl":"gopher://weeknotes.example.org"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"feedUrl":{"code":"`}}}},
		{name: "a repository on localhost", method: "PATCH", url: recURL(ColProjects, fx.pubA),
			body: `{"repoUrl":"http://localhost:3000/team/service"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"data":{"repoUrl":{"code":"pipeline_private_address"`}}}},
		{name: "a repository that is an account", method: "PATCH", url: recURL(ColProjects, fx.pubA),
			body: `{"repoUrl":"https://github.com/leeds-council"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"repoUrl":{"code":"pipeline_not_a_repository"`}}}},
		{name: "a new project with a feed on a private network", method: "POST", url: colURL(ColProjects),
			body: `{"title":"Tree requests","summary":"Trees.","organisation":"` + fx.leeds + `","feedUrl":"http://192.168.0.10/feed"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"feedUrl":{"code":"pipeline_private_address"`}}}},
		{name: "a feed on loopback, without the test switch", method: "PATCH", url: recURL(ColProjects, fx.pubA),
			body: `{"feedUrl":"http://127.0.0.1:9/feed"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"feedUrl":{"code":"pipeline_private_address"`}}}},
		{name: "good addresses, tidied", method: "PATCH", url: recURL(ColProjects, fx.pubA),
			body: `{"feedUrl":" https://Digital.Leeds.example/tag/waste/feed.atom ","repoUrl":"https://github.com/leeds-council/missed-bins.git"}`,
			want: map[string]want{"ownOfficer": ok(`"feedUrl":"https://digital.leeds.example/tag/waste/feed.atom"`,
				`"repoUrl":"https://github.com/leeds-council/missed-bins"`)}},
	}
	for _, c := range cases {
		runAs(t, c)
	}
}

// An address stored before is not checked again when something else
// about the project changes.
func TestAStoredAddressIsNotCheckedAgainOnOtherSaves(t *testing.T) {
	t.Setenv(EnvFeedsLoopback, "1")
	app := newTestApp(t)
	defer app.Cleanup()
	p, err := app.FindRecordById(ColProjects, fx.pubA)
	if err != nil {
		t.Fatal(err)
	}
	p.Set("feedUrl", "http://127.0.0.1:9/feed")
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvFeedsLoopback, "")
	if p, err = app.FindRecordById(ColProjects, fx.pubA); err != nil {
		t.Fatal(err)
	}
	p.Set("summary", "A new summary")
	if err := app.Save(p); err != nil {
		t.Fatalf("an unrelated save: %v", err)
	}
	p.Set("feedUrl", "http://127.0.0.2:9/feed")
	if err := app.Save(p); err == nil || !strings.Contains(err.Error(), "private network") {
		t.Fatalf("a changed address: %v", err)
	}
}
