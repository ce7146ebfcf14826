package hooks

import (
	"bufio"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/mailer"
)

// smtpSink is a minimal SMTP server on loopback that keeps what it is sent,
// so delivery is tested through PocketBase's real SMTP client.
type smtpSink struct {
	ln       net.Listener
	mu       sync.Mutex
	messages []string
}

func startSMTPSink(t testing.TB, addr string) *smtpSink {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpSink{ln: ln}
	go s.serve()
	return s
}

func (s *smtpSink) port() int { return s.ln.Addr().(*net.TCPAddr).Port }

func (s *smtpSink) stop() { s.ln.Close() }

func (s *smtpSink) received() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.messages...)
}

func (s *smtpSink) serve() {
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		go s.session(conn)
	}
}

func (s *smtpSink) session(conn net.Conn) {
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	r, w := bufio.NewReader(conn), bufio.NewWriter(conn)
	reply := func(line string) { w.WriteString(line + "\r\n"); w.Flush() }
	reply("220 sink ESMTP")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"):
			reply("250-sink")
			reply("250 8BITMIME")
		case strings.HasPrefix(cmd, "HELO"), strings.HasPrefix(cmd, "MAIL"), strings.HasPrefix(cmd, "RCPT"),
			strings.HasPrefix(cmd, "RSET"), strings.HasPrefix(cmd, "NOOP"):
			reply("250 OK")
		case cmd == "DATA":
			reply("354 go ahead")
			var msg strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" || l == ".\n" {
					break
				}
				msg.WriteString(strings.TrimPrefix(l, "."))
			}
			s.mu.Lock()
			s.messages = append(s.messages, msg.String())
			s.mu.Unlock()
			reply("250 queued")
		case cmd == "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 not implemented")
		}
	}
}

func TestDeliveryThroughARealSMTPServer(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)

	sink := startSMTPSink(t, "127.0.0.1:0")
	port := sink.port()
	s := app.Settings()
	s.SMTP.Enabled, s.SMTP.Host, s.SMTP.Port = true, "127.0.0.1", port
	s.Meta.AppURL = "https://pipeline.example.gov.uk"
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	setFrequency(t, app, fx.officerA, FrequencyImmediate)
	// The test mailer stands in for the real client in tests; send through
	// the real SMTP client instead.
	app.OnMailerSend().BindFunc(func(e *core.MailerEvent) error {
		smtp := e.App.Settings().SMTP
		e.Mailer = &mailer.SMTPClient{Host: smtp.Host, Port: smtp.Port}
		return e.Next()
	})

	notice(t, app, KindProjectUpdate, fx.pubB, "Bristol published its code", false, fx.officerA)
	sink.stop() // the mail server goes down
	if n := deliver(t, app, testNow); n != 0 {
		t.Fatalf("sent %d with the server down", n)
	}
	sink = startSMTPSink(t, "127.0.0.1:"+strconv.Itoa(port)) // and comes back
	defer sink.stop()
	if n := deliver(t, app, testNow.Add(backoff(1))); n != 1 {
		t.Fatalf("sent %d after recovery, want 1", n)
	}
	if n := deliver(t, app, testNow.Add(time.Hour)); n != 0 {
		t.Fatalf("sent %d again", n)
	}
	got := sink.received()
	if len(got) != 1 {
		t.Fatalf("server received %d messages, want 1", len(got))
	}
	for _, want := range []string{
		"Subject: Bristol published its code",
		"List-Unsubscribe: <https://pipeline.example.gov.uk/api/pipeline/unsubscribe?token=",
		"List-Unsubscribe-Post: List-Unsubscribe=One-Click",
		"multipart/alternative", "text/plain", "text/html",
	} {
		if !strings.Contains(got[0], want) {
			t.Errorf("message lacks %q", want)
		}
	}
}

func TestDevModePrintsEmails(t *testing.T) {
	dir := t.TempDir()
	if err := copyDir(fx.dir, dir); err != nil {
		t.Fatal(err)
	}
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: dir, IsDev: true})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	Register(app)
	var out strings.Builder
	devMailOut = &out
	defer func() { devMailOut = os.Stdout }()

	emptyOutbox(t, app)
	setFrequency(t, app, fx.officerA, FrequencyImmediate)
	notice(t, app, KindProjectUpdate, fx.pubB, "Printed, not sent", false, fx.officerA)
	if n := deliver(t, app, testNow); n != 1 {
		t.Fatalf("delivered %d", n)
	}
	if !strings.Contains(out.String(), "Subject: Printed, not sent") || !strings.Contains(out.String(), "officer@leeds.test") {
		t.Fatalf("dev mode printed:\n%s", out.String())
	}
	if app.TestMailer.TotalSend() != 0 {
		t.Fatal("dev mode without SMTP handed the email to a mailer")
	}
}

func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
