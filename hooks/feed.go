package hooks

import (
	"net/netip"
	"net/url"
	"os"
	"regexp"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks/safefetch"
)

// Report once: a project's news comes from where its team already writes.
// A project may name its team's feed (feedUrl: weeknotes or a blog, Atom,
// RSS or JSON Feed, perhaps one tag's feed) and its public repository
// (repoUrl, on GitHub or GitLab). The job pull_feeds (feed_pull.go) reads
// them: each new entry, and each release, becomes a status update, and
// recent commits count as activity.
//
// The addresses people give are checked twice. When a project is saved,
// an address must be http or https and must not name the server's own
// network (private, loopback, link-local and metadata addresses, and
// names such as localhost that only mean something inside it); the
// refusal names the field. When it is read, safefetch checks the address
// of every connection after names resolve and after every redirect, and
// caps answers at 1 MB and 10 s. PIPELINE_FEEDS_ALLOW_LOOPBACK=1 lets
// 127.0.0.0/8 through, for tests; nothing else is ever let through.

// maxSourceURL is the longest feed or repository address a project keeps.
const maxSourceURL = 500

// feedsAllowLoopback says whether the test switch is on: exactly "1".
func feedsAllowLoopback() bool { return os.Getenv(EnvFeedsLoopback) == "1" }

// feedFetchOptions are the limits every read of a feed uses.
func feedFetchOptions() safefetch.Options {
	return safefetch.Options{AllowLoopback: feedsAllowLoopback(), WebPorts: true}
}

// privateSuffixes are names that only mean something inside a network.
var privateSuffixes = []string{".localhost", ".local", ".internal", ".intranet", ".lan", ".home.arpa", ".corp"}

// privateHost says whether host (lower case, no port) names the server's
// own network by itself: an IP address safefetch would not connect to, a
// name with no dot (localhost, metadata, a bare number), a name under a
// local-only suffix, or a name whose last label is a number (an address
// written in another form, such as 0x7f.1 or 127.1).
func privateHost(host string, allowLoopback bool) bool {
	host = strings.TrimSuffix(host, ".")
	if ip, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		return !safefetch.Allowed(ip, allowLoopback)
	}
	if host == "" || !strings.Contains(host, ".") {
		return true
	}
	for _, s := range privateSuffixes {
		if strings.HasSuffix(host, s) {
			return true
		}
	}
	last := host[strings.LastIndex(host, ".")+1:]
	return strings.Trim(last, "0123456789") == "" || strings.HasPrefix(last, "0x")
}

// addressProblem is what is wrong with an address: the code and message
// of the field's error.
type addressProblem struct{ code, message string }

// Codes of the field errors an address can get.
const (
	codeInvalidAddress = "pipeline_invalid_address"
	codePrivateAddress = "pipeline_private_address"
	codeNotARepository = "pipeline_not_a_repository"
)

// checkSourceURL checks an address a project gives for a feed or a
// repository and returns it tidied (scheme and host in lower case, no
// fragment), or what is wrong with it. what names the thing in the
// message ("feed", "repository").
func checkSourceURL(raw, what string, allowLoopback bool) (string, *addressProblem) {
	raw = strings.TrimSpace(raw)
	if len(raw) > maxSourceURL {
		return "", &addressProblem{codeInvalidAddress, "The " + what + "'s address must be 500 characters or fewer"}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" || u.Host == "" {
		return "", &addressProblem{codeInvalidAddress, "Enter the " + what + "'s web address, starting with https://"}
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", &addressProblem{codeInvalidAddress, "Enter the " + what + "'s web address, starting with https://: Pipeline reads only http and https addresses"}
	}
	if u.User != nil {
		return "", &addressProblem{codeInvalidAddress, "Enter the " + what + "'s address without a user name or password: Pipeline reads only public " + what + "s"}
	}
	u.Host = strings.ToLower(u.Host)
	u.Fragment, u.RawFragment = "", ""
	if privateHost(u.Hostname(), allowLoopback) || safefetch.CheckURL(u.String(), allowLoopback) != nil {
		return "", &addressProblem{codePrivateAddress, "Pipeline does not read addresses inside a private network: enter the " + what + "'s public address"}
	}
	if port := u.Port(); port != "" && port != "80" && port != "443" && !(allowLoopback && strings.HasPrefix(u.Hostname(), "127.")) {
		return "", &addressProblem{codeInvalidAddress, "Enter the " + what + "'s public web address: Pipeline reads only the usual web ports (80 and 443)"}
	}
	return u.String(), nil
}

// repo is a repository's address understood: where its releases (or
// tags) and its commits are published as Atom.
type repo struct {
	github bool
	base   string // scheme://host
	path   string // owner/name, or group/…/project
	branch string // the branch named in the address, if any
}

// repoSegment is one part of a repository's path.
var repoSegment = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// parseRepo reads a checked repository address: GitHub's
// https://github.com/{owner}/{repo}, or a GitLab project on gitlab.com or
// a GitLab of its own, https://{host}/{group}/…/{project} (at least a
// group and a project; /-/tree/{branch} may follow). It returns false when
// the address has neither shape.
func parseRepo(norm string) (repo, bool) {
	u, err := url.Parse(norm)
	if err != nil {
		return repo{}, false
	}
	path, rest, _ := strings.Cut(strings.Trim(u.Path, "/"), "/-/")
	segments := strings.Split(strings.Trim(path, "/"), "/")
	host := u.Hostname()
	r := repo{base: u.Scheme + "://" + u.Host}
	if host == "github.com" || host == "www.github.com" {
		if len(segments) < 2 {
			return repo{}, false
		}
		// github.com/{owner}/{repo}/tree/main and the like are the repository.
		segments, r.github, r.base = segments[:2], true, "https://github.com"
	} else if branch, ok := strings.CutPrefix(rest, "tree/"); ok && repoSegment.MatchString(branch) {
		r.branch = branch
	}
	if len(segments) < 2 {
		return repo{}, false
	}
	segments[len(segments)-1] = strings.TrimSuffix(segments[len(segments)-1], ".git")
	for _, s := range segments {
		if !repoSegment.MatchString(s) || strings.Trim(s, ".") == "" {
			return repo{}, false
		}
	}
	r.path = strings.Join(segments, "/")
	return r, true
}

// url is the repository's own address, as a project keeps it.
func (r repo) url() string {
	u := r.base + "/" + r.path
	if r.branch != "" {
		u += "/-/tree/" + r.branch
	}
	return u
}

// releasesFeed is the Atom feed of the repository's releases (GitHub) or
// tags (GitLab).
func (r repo) releasesFeed() string {
	if r.github {
		return r.base + "/" + r.path + "/releases.atom"
	}
	return r.base + "/" + r.path + "/-/tags?format=atom"
}

// commitsFeed is the Atom feed of the commits on the repository's default
// branch; a GitLab feed names the branch.
func (r repo) commitsFeed(branch string) string {
	if r.github {
		return r.base + "/" + r.path + "/commits.atom"
	}
	return r.base + "/" + r.path + "/-/commits/" + url.PathEscape(branch) + "?format=atom"
}

// projectAPI is GitLab's API address of the project, which tells its
// default branch.
func (r repo) projectAPI() string {
	return r.base + "/api/v4/projects/" + url.PathEscape(r.path)
}

// checkRepoURL checks a repository address and returns it tidied, or what
// is wrong with it.
func checkRepoURL(raw string, allowLoopback bool) (string, *addressProblem) {
	norm, problem := checkSourceURL(raw, "repository", allowLoopback)
	if problem != nil {
		return "", problem
	}
	r, ok := parseRepo(norm)
	if !ok {
		return "", &addressProblem{codeNotARepository,
			"Enter a public GitHub or GitLab repository's address, like https://github.com/your-council/your-service"}
	}
	return r.url(), nil
}

func checkFeedURL(raw string, allowLoopback bool) (string, *addressProblem) {
	return checkSourceURL(raw, "feed", allowLoopback)
}

// validateSources checks feedUrl and repoUrl when a save sets or changes
// them (an address stored before is not checked again on unrelated saves)
// and keeps them tidied; problems go in errs under the field's name. own
// is this instance's address, which is never read as a feed: its feeds
// are other councils' news.
func validateSources(p *core.Record, own string, errs validation.Errors) {
	allow := feedsAllowLoopback()
	for field, check := range map[string]func(string, bool) (string, *addressProblem){
		"feedUrl": checkFeedURL,
		"repoUrl": checkRepoURL,
	} {
		raw := strings.TrimSpace(p.GetString(field))
		if raw == "" {
			p.Set(field, "")
			continue
		}
		if !p.IsNew() && raw == p.Original().GetString(field) {
			continue
		}
		norm, problem := check(raw, allow)
		if problem == nil && own != "" && strings.EqualFold(originOf(norm), originOf(own)) {
			problem = &addressProblem{codeInvalidAddress, "Enter your team's own feed: Pipeline does not read its own feeds as a project's news"}
		}
		if problem != nil {
			errs[field] = validation.NewError(problem.code, problem.message)
			continue
		}
		p.Set(field, norm)
	}
}
