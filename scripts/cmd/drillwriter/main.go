// Command drillwriter writes projects into a running Pipeline through its
// REST API from several concurrent writers, as a superuser, and records
// every write the server acknowledged (answered 200 with the new id).
//
// Usage:
//
//	drillwriter -base http://127.0.0.1:8090 -email su@x -password pw -out acked.tsv [-writers 8] [-duration 0]
//
// Each acknowledged write is appended to -out as one line, as soon as the
// answer arrives:
//
//	id <TAB> acknowledged-at (Unix nanoseconds)
//
// It writes until -duration has passed (0: until SIGTERM or SIGINT).
// Requests that fail (for example because the server was killed) are
// counted and retried by the next write; they are never recorded. On the
// way out it waits for requests in flight, records any that were still
// acknowledged, and prints one summary line:
//
//	acknowledged=N failed=M writers=W
//
// The projects belong to Leeds City Council (from the council seed) and
// are published, so they enter the search index too. Rate limits must be
// off for a burst from one address (see pbctl prepare).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	base := flag.String("base", "http://127.0.0.1:8090", "Pipeline's base URL")
	email := flag.String("email", "", "superuser email")
	password := flag.String("password", "", "superuser password")
	out := flag.String("out", "", "file to append acknowledged ids to (required)")
	writers := flag.Int("writers", 8, "concurrent writers")
	duration := flag.Duration("duration", 0, "how long to write (0: until SIGTERM)")
	org := flag.String("org", "leeds", "slug of the organisation the projects belong to")
	flag.Parse()
	if *out == "" {
		log.Fatal("drillwriter: -out is required")
	}
	f, err := os.OpenFile(*out, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		log.Fatalf("drillwriter: %v", err)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	token, err := authenticate(client, *base, *email, *password)
	if err != nil {
		log.Fatalf("drillwriter: %v", err)
	}
	orgId, err := organisationId(client, *base, *org)
	if err != nil {
		log.Fatalf("drillwriter: %v", err)
	}

	stop := make(chan struct{})
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		if *duration > 0 {
			select {
			case <-sigs:
			case <-time.After(*duration):
			}
		} else {
			<-sigs
		}
		close(stop)
	}()

	var mu sync.Mutex // guards f
	var acked, failed atomic.Int64
	var wg sync.WaitGroup
	run := time.Now().UnixNano()
	for w := 0; w < *writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				id, err := create(client, *base, token, map[string]any{
					"title":        fmt.Sprintf("Drill project %d-%d-%d", run, w, i),
					"summary":      "Written by a reliability drill.",
					"organisation": orgId,
					"visibility":   "published",
				})
				if err != nil {
					failed.Add(1)
					// A dead server refuses at once; do not spin.
					select {
					case <-stop:
						return
					case <-time.After(20 * time.Millisecond):
					}
					continue
				}
				line := fmt.Sprintf("%s\t%d\n", id, time.Now().UnixNano())
				mu.Lock()
				_, err = f.WriteString(line)
				mu.Unlock()
				if err != nil {
					log.Fatalf("drillwriter: record %s: %v", id, err)
				}
				acked.Add(1)
			}
		}()
	}
	wg.Wait()
	if err := f.Close(); err != nil {
		log.Fatalf("drillwriter: %v", err)
	}
	fmt.Printf("acknowledged=%d failed=%d writers=%d\n", acked.Load(), failed.Load(), *writers)
}

// authenticate signs in as a superuser and returns the token.
func authenticate(c *http.Client, base, email, password string) (string, error) {
	var auth struct {
		Token string `json:"token"`
	}
	body := map[string]string{"identity": email, "password": password}
	if err := call(c, http.MethodPost, base+"/api/collections/_superusers/auth-with-password", "", body, &auth); err != nil {
		return "", fmt.Errorf("superuser sign-in: %w", err)
	}
	return auth.Token, nil
}

// organisationId finds an organisation by its slug.
func organisationId(c *http.Client, base, slug string) (string, error) {
	var list struct {
		Items []struct {
			Id string `json:"id"`
		} `json:"items"`
	}
	q := url.Values{"perPage": {"1"}, "filter": {fmt.Sprintf("slug=%q", slug)}}
	if err := call(c, http.MethodGet, base+"/api/collections/organisations/records?"+q.Encode(), "", nil, &list); err != nil {
		return "", err
	}
	if len(list.Items) == 0 {
		return "", fmt.Errorf("no organisation %q", slug)
	}
	return list.Items[0].Id, nil
}

// create adds one project and returns its id once the server answered 200.
func create(c *http.Client, base, token string, body map[string]any) (string, error) {
	var rec struct {
		Id string `json:"id"`
	}
	if err := call(c, http.MethodPost, base+"/api/collections/projects/records", token, body, &rec); err != nil {
		return "", err
	}
	if rec.Id == "" {
		return "", fmt.Errorf("no id in the answer")
	}
	return rec.Id, nil
}

// call sends a JSON request and decodes a 200 answer into out.
func call(c *http.Client, method, u, token string, body, out any) error {
	var rd *bytes.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: status %d", method, u, res.StatusCode)
	}
	return json.NewDecoder(res.Body).Decode(out)
}
