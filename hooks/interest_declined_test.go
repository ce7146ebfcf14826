package hooks

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// declineIntB has Leeds's officer decline Bristol's interest in pubA.
func declineIntB(t testing.TB, h *apiHarness) {
	t.Helper()
	status, body := h.do(apiRequest{method: http.MethodPatch, url: recURL(ColInterests, fx.intB), token: fx.tokens["ownOfficer"],
		body: []byte(`{"state":"declined"}`)})
	if status != http.StatusOK {
		t.Fatalf("decline: %d %s", status, body)
	}
}

// leedsNotices counts the notifications Leeds's officer has about
// interest.
func leedsNotices(t testing.TB, app core.App) int64 {
	t.Helper()
	n, err := app.CountRecords(ColNotifications, dbx.HashExp{"user": fx.officerA, "kind": KindInterestExpressed})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDeclinedInterestCannotBeReopenedByTheDeclined(t *testing.T) {
	h := newAPIHarness(t, nil)
	defer h.close()
	declineIntB(t, h)
	before := leedsNotices(t, h.app)
	for _, body := range []string{`{"state":"withdrawn"}`, `{"state":"open"}`, `{"kind":"reuse"}`, `{"message":"Please reconsider"}`} {
		status, resp := h.do(apiRequest{method: http.MethodPatch, url: recURL(ColInterests, fx.intB), token: fx.tokens["otherOfficer"], body: []byte(body)})
		if status != http.StatusBadRequest || !strings.Contains(string(resp), `"code":"pipeline_declined"`) {
			t.Errorf("the declined officer sends %s: %d %s, want 400 pipeline_declined", body, status, resp)
		}
	}
	if got := mustRecord(t, h.app, ColInterests, fx.intB).GetString("state"); got != InterestDeclined {
		t.Fatalf("state = %s, want declined", got)
	}
	if leedsNotices(t, h.app) != before {
		t.Fatal("the team was told again")
	}
}

func TestNewInterestAfterADeclineWaitsAndSaysSo(t *testing.T) {
	h := newAPIHarness(t, nil)
	defer h.close()
	declineIntB(t, h)
	before := leedsNotices(t, h.app)
	again := func() (int, string) {
		status, resp := h.do(apiRequest{method: http.MethodPost, url: colURL(ColInterests), token: fx.tokens["otherOfficer"],
			body: []byte(`{"project":"` + fx.pubA + `","kind":"reuse","message":"We could reuse it instead."}`)})
		return status, string(resp)
	}
	if status, resp := again(); status != http.StatusBadRequest || !strings.Contains(resp, `"project":{"code":"pipeline_declined_recently"`) {
		t.Fatalf("a new interest straight after the decline: %d %s, want 400 pipeline_declined_recently", status, resp)
	}
	if leedsNotices(t, h.app) != before {
		t.Fatal("the team was told of a refused interest")
	}
	// A client cannot name the earlier interest itself.
	status, resp := h.do(apiRequest{method: http.MethodPost, url: colURL(ColInterests), token: fx.tokens["otherOfficer"],
		body: []byte(`{"project":"` + fx.pubB + `","kind":"following","previous":"` + fx.intB + `"}`)})
	if status != http.StatusBadRequest || !strings.Contains(string(resp), `"previous":{"code":"pipeline_forbidden_field"`) {
		t.Fatalf("setting previous: %d %s", status, resp)
	}
	// Once the decline is older than the config's threshold, it may.
	backdateDecline(t, h.app, DefaultConfig.InterestRetry+day)
	status, body := again()
	if status != http.StatusOK || !strings.Contains(body, `"previous":"`+fx.intB+`"`) || !strings.Contains(body, `"state":"open"`) {
		t.Fatalf("a new interest %v after the decline: %d %s, want 200 naming the declined one as previous", DefaultConfig.InterestRetry+day, status, body)
	}
	if leedsNotices(t, h.app) != before+1 {
		t.Fatal("the team was not told of the new interest")
	}
	// The owner sees it as such.
	n, err := h.app.FindFirstRecordByFilter(ColNotifications, "user = {:u} && kind = {:k} && id != {:fixture}",
		dbx.Params{"u": fx.officerA, "k": KindInterestExpressed, "fixture": fx.notifA})
	if err != nil || !strings.Contains(n.GetString("body")+n.GetString("title"), "declined") {
		t.Fatalf("the owner's notice does not say it follows a declined interest: %v %v", n, err)
	}
}

func TestInterestRetryThresholdIsConfigured(t *testing.T) {
	if DefaultConfig.InterestRetry != 90*day {
		t.Fatalf("default wait after a decline %v, want 90 days", DefaultConfig.InterestRetry)
	}
	h := newAPIHarness(t, nil)
	defer h.close()
	declineIntB(t, h)
	cfg, err := h.app.FindFirstRecordByFilter(ColConfig, "")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Set(CfgInterestRetryDays, 30)
	if err := h.app.Save(cfg); err != nil {
		t.Fatal(err)
	}
	backdateDecline(t, h.app, 31*day)
	status, resp := h.do(apiRequest{method: http.MethodPost, url: colURL(ColInterests), token: fx.tokens["otherOfficer"],
		body: []byte(`{"project":"` + fx.pubA + `","kind":"similar"}`)})
	if status != http.StatusOK {
		t.Fatalf("a new interest 31 days after a decline with a threshold of 30: %d %s", status, resp)
	}
}

// backdateDecline moves intB's decline ago into the past.
func backdateDecline(t testing.TB, app core.App, ago time.Duration) {
	t.Helper()
	in := mustRecord(t, app, ColInterests, fx.intB)
	in.SetRaw("declinedAt", Stamp(time.Now().Add(-ago)))
	if err := app.SaveNoValidate(in); err != nil {
		t.Fatal(err)
	}
}
