package hooks

// The crash drill runs the real binary through a failure: it is killed
// with SIGKILL in the middle of concurrent writes, and every write it
// acknowledged must survive, with the database intact.

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// binary builds the pipeline binary once for the drills.
func drillBinary(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "pipeline")
	cmd := exec.Command("go", "build", "-o", out, "..")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("build: %v", err)
	}
	return out
}

func drillPort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func drillStart(t *testing.T, bin, dir string, port int) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--dir", dir, "--http", fmt.Sprintf("127.0.0.1:%d", port))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	for i := 0; i < 300; i++ {
		if res, err := http.Get(base + "/api/health"); err == nil && res.StatusCode == 200 {
			res.Body.Close()
			return cmd
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the server did not start")
	return nil
}

func drillPost(base, path, token string, body any) (map[string]any, int, error) {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := (&http.Client{Timeout: 5 * time.Second}).Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return out, res.StatusCode, nil
}

func TestKillDuringConcurrentWritesLosesNothingAcknowledged(t *testing.T) {
	bin := drillBinary(t)
	dir := t.TempDir()
	if out, err := exec.Command(bin, "superuser", "upsert", "su@drill.test", "drill-password-1", "--dir", dir).CombinedOutput(); err != nil {
		t.Fatalf("superuser: %v %s", err, out)
	}
	port := drillPort(t)
	cmd := drillStart(t, bin, dir, port)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	auth, _, err := drillPost(base, "/api/collections/_superusers/auth-with-password", "", map[string]string{"identity": "su@drill.test", "password": "drill-password-1"})
	if err != nil {
		t.Fatal(err)
	}
	token, _ := auth["token"].(string)
	// Rate limits would refuse a burst of writes from one address.
	req, _ := http.NewRequest(http.MethodPatch, base+"/api/settings", bytes.NewReader([]byte(`{"rateLimits":{"enabled":false}}`)))
	req.Header.Set("Authorization", token)
	req.Header.Set("Content-Type", "application/json")
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != 200 {
		t.Fatalf("settings: %v", err)
	}
	var org string
	res, err := http.Get(base + "/api/collections/organisations/records?perPage=1&filter=" + "slug%3D%27leeds%27")
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Items []struct {
			Id string `json:"id"`
		} `json:"items"`
	}
	_ = json.NewDecoder(res.Body).Decode(&list)
	res.Body.Close()
	org = list.Items[0].Id

	// Writers create projects as fast as they can; the server is killed
	// with SIGKILL while they run.
	var mu sync.Mutex
	var acknowledged []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				out, code, err := drillPost(base, "/api/collections/projects/records", token, map[string]any{
					"title": fmt.Sprintf("Drill project %d-%d", w, i), "summary": "Written during the crash drill.",
					"organisation": org, "visibility": "published",
				})
				if err == nil && code == 200 {
					mu.Lock()
					acknowledged = append(acknowledged, out["id"].(string))
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(2 * time.Second)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	close(stop)
	wg.Wait()
	if len(acknowledged) < 10 {
		t.Fatalf("only %d writes were acknowledged before the kill", len(acknowledged))
	}

	// Every acknowledged write is there, the database is intact, and the
	// search index agrees with the projects.
	db, err := sql.Open("sqlite", filepath.Join(dir, "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q %v", check, err)
	}
	for _, id := range acknowledged {
		var n int
		if err := db.QueryRow("SELECT COUNT(*) FROM projects WHERE id = ?", id).Scan(&n); err != nil || n != 1 {
			t.Fatalf("acknowledged project %s is missing after the kill", id)
		}
	}
	var projects, indexed int
	_ = db.QueryRow("SELECT COUNT(*) FROM projects").Scan(&projects)
	_ = db.QueryRow("SELECT COUNT(*) FROM projects_fts_rowids").Scan(&indexed)
	if projects != indexed {
		t.Fatalf("%d projects but %d in the search index", projects, indexed)
	}
	t.Logf("%d writes acknowledged before SIGKILL; all present, integrity ok", len(acknowledged))

	// And it starts again on the same data.
	cmd = drillStart(t, bin, dir, drillPort(t))
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
}
