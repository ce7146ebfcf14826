package hooks

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Queues are the coordinator's lists of work that needs a person.
type Queues struct {
	StaleProjects      []QueueProject   `json:"staleProjects"`
	UnansweredInterest []QueueInterest  `json:"unansweredInterest"`
	MembershipRequests []QueueRequest   `json:"membershipRequests"`
	Clusters           []SimilarCluster `json:"clusters"`
	// RemoteWaiting is this instance's officers' interest in other
	// Pipelines' projects, unanswered for more than 7 days: the
	// coordinators of the project's own Pipeline are the ones to nudge.
	RemoteWaiting []QueueRemoteInterest `json:"remoteWaiting"`
}

// QueueRemoteInterest is an officer's interest in another Pipeline's
// project, waiting.
type QueueRemoteInterest struct {
	Id      string `json:"id" db:"id"`
	Kind    string `json:"kind" db:"kind"`
	Created string `json:"created" db:"created"`
	User    string `json:"-" db:"user"`
	Title   string `json:"title" db:"title"`
	OrgName string `json:"organisationName" db:"organisationName"`
	URL     string `json:"url" db:"url"`
	URI     string `json:"-" db:"uri"`
	From    string `json:"from" db:"-"`
	Host    string `json:"host" db:"-"`
	Days    int    `json:"days" db:"-"`
}

// QueueProject is a project going quiet.
type QueueProject struct {
	Id              string          `json:"id" db:"id"`
	Slug            string          `json:"slug" db:"slug"`
	Title           string          `json:"title" db:"title"`
	ChaseStage      int             `json:"chaseStage" db:"chaseStage"`
	DormantSince    string          `json:"dormantSince" db:"dormantSince"`
	LastActivityAt  string          `json:"lastActivityAt" db:"lastActivityAt"`
	LastConfirmedAt string          `json:"lastConfirmedAt" db:"lastConfirmedAt"`
	Phase           string          `json:"phase" db:"phase"`
	OrgId           string          `json:"-" db:"orgId"`
	OrgName         string          `json:"-" db:"orgName"`
	OrgSlug         string          `json:"-" db:"orgSlug"`
	Organisation    OrganisationRef `json:"organisation" db:"-"`
}

// QueueInterest is interest waiting for an answer.
type QueueInterest struct {
	Id           string          `json:"id" db:"id"`
	Kind         string          `json:"kind" db:"kind"`
	Created      string          `json:"created" db:"created"`
	From         string          `json:"from" db:"-"`
	User         string          `json:"-" db:"user"`
	RemoteOrg    string          `json:"-" db:"remoteOrganisation"`
	RemoteVia    string          `json:"-" db:"remoteVia"`
	ProjectId    string          `json:"-" db:"projectId"`
	Slug         string          `json:"-" db:"slug"`
	Title        string          `json:"-" db:"title"`
	OrgId        string          `json:"-" db:"orgId"`
	OrgName      string          `json:"-" db:"orgName"`
	OrgSlug      string          `json:"-" db:"orgSlug"`
	Project      OrganisationRef `json:"project" db:"-"`
	Organisation OrganisationRef `json:"organisation" db:"-"`
	Days         int             `json:"days" db:"-"`
}

// QueueRequest is a request to join an organisation that has no admin.
type QueueRequest struct {
	Id           string          `json:"id" db:"id"`
	Name         string          `json:"name" db:"name"`
	Email        string          `json:"email" db:"email"`
	Created      string          `json:"created" db:"created"`
	OrgId        string          `json:"-" db:"orgId"`
	OrgName      string          `json:"-" db:"orgName"`
	OrgSlug      string          `json:"-" db:"orgSlug"`
	Organisation OrganisationRef `json:"organisation" db:"-"`
}

// SimilarCluster is similar work going on in three or more councils.
type SimilarCluster struct {
	Projects      []ClusterProject `json:"projects"`
	Organisations int              `json:"organisations"`
}

// ClusterProject is one project of a cluster.
type ClusterProject struct {
	Id           string          `json:"id"`
	Slug         string          `json:"slug"`
	Title        string          `json:"title"`
	Phase        string          `json:"phase"`
	Organisation OrganisationRef `json:"organisation"`
	// Origin is set for a project of another Pipeline.
	Origin *Origin `json:"origin,omitempty"`
}

// Limits of the queues.
const (
	queueLimit        = 200
	clusterCandidates = 300 // the most recently active projects clusters are looked for in
	clusterScore      = 0.5 // how alike two projects must be to join a cluster
)

// CoordinatorQueues gathers the queues at now.
func CoordinatorQueues(app core.App, now time.Time) (Queues, error) {
	q := Queues{StaleProjects: []QueueProject{}, UnansweredInterest: []QueueInterest{}, MembershipRequests: []QueueRequest{},
		Clusters: []SimilarCluster{}, RemoteWaiting: []QueueRemoteInterest{}}
	err := app.DB().NewQuery(fmt.Sprintf(`SELECT p.id, p.slug, p.title, p.chaseStage, p.dormantSince, p.lastActivityAt, p.lastConfirmedAt, p.phase,
			o.id AS orgId, o.name AS orgName, o.slug AS orgSlug
		FROM projects p JOIN organisations o ON o.id = p.organisation
		WHERE p.visibility = 'published' AND p.phase != 'retired' AND (p.chaseStage > 0 OR p.dormantSince != '')
		ORDER BY p.dormantSince != '' DESC, p.chaseStage DESC, p.lastActivityAt LIMIT %d`, queueLimit)).All(&q.StaleProjects)
	if err != nil {
		return q, fmt.Errorf("stale projects: %w", err)
	}
	for i := range q.StaleProjects {
		p := &q.StaleProjects[i]
		p.Organisation = OrganisationRef{Id: p.OrgId, Name: p.OrgName, Slug: p.OrgSlug}
	}
	err = app.DB().NewQuery(fmt.Sprintf(`SELECT i.id, i.kind, i.created, i.user, i.remoteOrganisation, i.remoteVia, p.id AS projectId, p.slug, p.title,
			o.id AS orgId, o.name AS orgName, o.slug AS orgSlug
		FROM interests i JOIN projects p ON p.id = i.project JOIN organisations o ON o.id = p.organisation
		WHERE i.state = 'open' AND i.kind != 'following' AND i.created <= {:before}
		ORDER BY i.created LIMIT %d`, queueLimit)).Bind(dbx.Params{"before": Stamp(now.AddDate(0, 0, -7)).String()}).All(&q.UnansweredInterest)
	if err != nil {
		return q, fmt.Errorf("unanswered interest: %w", err)
	}
	for i := range q.UnansweredInterest {
		in := &q.UnansweredInterest[i]
		in.Project = OrganisationRef{Id: in.ProjectId, Name: in.Title, Slug: in.Slug}
		in.Organisation = OrganisationRef{Id: in.OrgId, Name: in.OrgName, Slug: in.OrgSlug}
		in.From = describeUser(app, in.User)
		if in.User == "" && in.RemoteOrg != "" {
			in.From = DescribeRemote(in.RemoteOrg, in.RemoteVia)
		}
		if c, err := time.Parse("2006-01-02 15:04:05.000Z", in.Created); err == nil {
			in.Days = int(now.Sub(c).Hours() / 24)
		}
	}
	err = app.DB().NewQuery(fmt.Sprintf(`SELECT u.id, u.name, u.email, u.created, o.id AS orgId, o.name AS orgName, o.slug AS orgSlug
		FROM users u JOIN organisations o ON o.id = u.organisation
		WHERE u.membership = 'pending' AND u.verified = 1 AND NOT EXISTS (
			SELECT 1 FROM users a WHERE a.organisation = u.organisation AND a.role = 'orgAdmin' AND a.membership = 'approved')
		ORDER BY u.created LIMIT %d`, queueLimit)).All(&q.MembershipRequests)
	if err != nil {
		return q, fmt.Errorf("membership requests: %w", err)
	}
	for i := range q.MembershipRequests {
		r := &q.MembershipRequests[i]
		r.Organisation = OrganisationRef{Id: r.OrgId, Name: r.OrgName, Slug: r.OrgSlug}
	}
	if q.RemoteWaiting, err = remoteWaiting(app, now); err != nil {
		return q, err
	}
	q.Clusters, err = SimilarClusters(app)
	return q, err
}

// remoteWaiting is the queue of interest sent to other Pipelines and not
// answered within 7 days.
func remoteWaiting(app core.App, now time.Time) ([]QueueRemoteInterest, error) {
	out := []QueueRemoteInterest{}
	err := app.DB().NewQuery(fmt.Sprintf(`SELECT i.id, i.kind, i.created, i.user, r.title, r.organisationName, r.url, r.uri
		FROM interests i JOIN remoteProjects r ON r.id = i.remoteProject
		WHERE i.state = 'open' AND i.created <= {:before}
		ORDER BY i.created LIMIT %d`, queueLimit)).Bind(dbx.Params{"before": Stamp(now.AddDate(0, 0, -7)).String()}).All(&out)
	if err != nil {
		return nil, fmt.Errorf("interest waiting on other Pipelines: %w", err)
	}
	for i := range out {
		in := &out[i]
		in.From, in.Host = describeUser(app, in.User), hostOf(in.URI)
		if c, err := time.Parse("2006-01-02 15:04:05.000Z", in.Created); err == nil {
			in.Days = int(now.Sub(c).Hours() / 24)
		}
	}
	return out, nil
}

// SimilarClusters finds groups of alike, active projects spanning three or
// more organisations: projects joined when either is among the other's
// five most similar (score at least 0.5), among the most recently active.
func SimilarClusters(app core.App) ([]SimilarCluster, error) {
	var rows []struct {
		Id      string `db:"id"`
		Slug    string `db:"slug"`
		Title   string `db:"title"`
		Summary string `db:"summary"`
		Tags    string `db:"tags"`
		Phase   string `db:"phase"`
		OrgId   string `db:"orgId"`
		OrgName string `db:"orgName"`
		OrgSlug string `db:"orgSlug"`
	}
	err := app.DB().NewQuery(fmt.Sprintf(`SELECT p.id, p.slug, p.title, p.summary, p.tags, p.phase, o.id AS orgId, o.name AS orgName, o.slug AS orgSlug
		FROM projects p JOIN organisations o ON o.id = p.organisation
		WHERE p.visibility = 'published' AND p.dormantSince = '' AND p.phase != 'retired' AND p.closedReason = ''
		ORDER BY p.lastActivityAt DESC LIMIT %d`, clusterCandidates)).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("cluster candidates: %w", err)
	}
	// The nodes are the candidates, then the remote projects (of other
	// Pipelines) found among their most similar; org is who each counts
	// as (the local organisation a remote project is matched to, or its
	// origin's organisation).
	type node struct {
		project ClusterProject
		org     string
	}
	nodes := make([]node, 0, len(rows))
	index := map[string]int{}
	parent := []int{}
	add := func(key string, n node) int {
		if i, ok := index[key]; ok {
			return i
		}
		index[key] = len(nodes)
		nodes = append(nodes, n)
		parent = append(parent, len(parent))
		return len(nodes) - 1
	}
	for _, r := range rows {
		add(r.Id, node{ClusterProject{Id: r.Id, Slug: r.Slug, Title: r.Title, Phase: r.Phase,
			Organisation: OrganisationRef{Id: r.OrgId, Name: r.OrgName, Slug: r.OrgSlug}}, r.OrgId})
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, r := range rows {
		hits, err := Similar(app, SimilarQuery{Project: r.Id, ExcludeOrg: r.OrgId, Limit: 5, MinScore: clusterScore})
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			if h.Score < clusterScore {
				continue
			}
			j, ok := index[h.Id]
			if h.Origin != nil {
				org := h.Organisation.Id
				if org == "" {
					org = "remote:" + h.Origin.Host + ":" + h.Organisation.Name
				}
				j, ok = add(remoteIndexPrefix+h.Id, node{ClusterProject{Id: h.Id, Title: h.Title, Phase: h.Phase,
					Organisation: h.Organisation, Origin: h.Origin}, org}), true
			}
			if ok {
				parent[find(i)] = find(j)
			}
		}
	}
	groups := map[int][]int{}
	for i := range nodes {
		groups[find(i)] = append(groups[find(i)], i)
	}
	out := []SimilarCluster{}
	for _, members := range groups {
		orgs := map[string]bool{}
		var c SimilarCluster
		for _, i := range members {
			orgs[nodes[i].org] = true
			c.Projects = append(c.Projects, nodes[i].project)
		}
		if len(orgs) < 3 {
			continue
		}
		c.Organisations = len(orgs)
		slices.SortFunc(c.Projects, func(a, b ClusterProject) int { return strings.Compare(a.Title, b.Title) })
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b SimilarCluster) int {
		if a.Organisations != b.Organisations {
			return b.Organisations - a.Organisations
		}
		return strings.Compare(a.Projects[0].Title, b.Projects[0].Title)
	})
	if len(out) > 20 {
		out = out[:20]
	}
	return out, nil
}

// queuesRoute answers the coordinator's queues.
func queuesRoute(e *core.RequestEvent) error {
	q, err := CoordinatorQueues(e.App, time.Now())
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, q)
}
