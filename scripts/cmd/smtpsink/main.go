// Command smtpsink is a minimal SMTP server for drills: it accepts every
// message it is sent and appends one line per accepted message to a file:
//
//	Message-ID <TAB> To <TAB> Subject
//
// Each line is written to the file before the message is acknowledged with
// 250, so a line in the file means the server accepted the message. The
// line is written in one write call, so a reader never sees half a line.
//
// Usage:
//
//	smtpsink -listen 127.0.0.1:2525 -out /tmp/mail.tsv [-delay 300ms]
//
// -delay holds each message for that long after its data arrives and
// before it is accepted, so that a drill can kill the sink while messages
// are in flight. SIGTERM or SIGINT stops it cleanly: it stops listening,
// refuses messages not yet accepted (421), lets sessions finish for up to
// two seconds and exits 0.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"mime"
	"net"
	"net/mail"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"
)

// maxMessage bounds one message's size.
const maxMessage = 10 << 20

func main() {
	listen := flag.String("listen", "127.0.0.1:2525", "address to listen on")
	out := flag.String("out", "", "file to append one line per accepted message to (required)")
	delay := flag.Duration("delay", 0, "hold each message this long before accepting it")
	flag.Parse()
	if *out == "" {
		log.Fatal("smtpsink: -out is required")
	}
	f, err := os.OpenFile(*out, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		log.Fatalf("smtpsink: %v", err)
	}
	l, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatalf("smtpsink: %v", err)
	}
	s := &sink{out: f, delay: *delay}
	s.ctx, s.stop = context.WithCancel(context.Background())
	log.Printf("smtpsink: listening on %s, writing to %s", l.Addr(), *out)

	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		sig := <-sigs
		log.Printf("smtpsink: %v: stopping", sig)
		s.stop()
		l.Close()
	}()

	for {
		c, err := l.Accept()
		if err != nil {
			if s.ctx.Err() != nil {
				break
			}
			log.Printf("smtpsink: accept: %v", err)
			continue
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.serve(c)
		}()
	}
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		log.Print("smtpsink: sessions still open after 2s; closing anyway")
	}
	if err := f.Close(); err != nil {
		log.Fatalf("smtpsink: close %s: %v", *out, err)
	}
	log.Printf("smtpsink: stopped after accepting %d messages", s.accepted)
}

// sink holds the state shared by sessions.
type sink struct {
	out      *os.File
	delay    time.Duration
	ctx      context.Context
	stop     context.CancelFunc
	wg       sync.WaitGroup
	mu       sync.Mutex // guards out and accepted
	accepted int
}

// record appends the line for one accepted message.
func (s *sink) record(data []byte, rcpts []string) error {
	id, to, subject := "", strings.Join(rcpts, ","), ""
	if m, err := mail.ReadMessage(strings.NewReader(string(data))); err == nil {
		id = m.Header.Get("Message-ID")
		if list, err := m.Header.AddressList("To"); err == nil && len(list) > 0 {
			addrs := make([]string, len(list))
			for i, a := range list {
				addrs[i] = a.Address
			}
			to = strings.Join(addrs, ",")
		}
		subject = m.Header.Get("Subject")
		if dec, err := new(mime.WordDecoder).DecodeHeader(subject); err == nil {
			subject = dec
		}
	}
	line := clean(id) + "\t" + clean(to) + "\t" + clean(subject) + "\n"
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.out.WriteString(line); err != nil {
		return err
	}
	s.accepted++
	return nil
}

// clean keeps a field on one line and free of tabs.
func clean(v string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, strings.TrimSpace(v))
}

// serve runs one SMTP session.
func (s *sink) serve(c net.Conn) {
	defer c.Close()
	// Stopping closes the connection, which ends a session blocked reading.
	stopWatch := context.AfterFunc(s.ctx, func() {
		_ = c.SetDeadline(time.Now().Add(500 * time.Millisecond))
	})
	defer stopWatch()
	r := bufio.NewReader(io.LimitReader(c, maxMessage*2))
	w := bufio.NewWriter(c)
	reply := func(format string, args ...any) bool {
		fmt.Fprintf(w, format+"\r\n", args...)
		return w.Flush() == nil
	}
	if !reply("220 smtpsink ESMTP ready") {
		return
	}
	var from string
	var rcpts []string
	for {
		_ = c.SetReadDeadline(time.Now().Add(time.Minute))
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			if !reply("250-smtpsink\r\n250-8BITMIME\r\n250 SIZE %d", maxMessage) {
				return
			}
		case "HELO":
			if !reply("250 smtpsink") {
				return
			}
		case "MAIL":
			from, rcpts = arg, nil
			if !reply("250 OK") {
				return
			}
		case "RCPT":
			if from == "" {
				reply("503 MAIL first")
				continue
			}
			addr := arg
			if i := strings.Index(addr, "<"); i >= 0 {
				if j := strings.Index(addr[i:], ">"); j > 0 {
					addr = addr[i+1 : i+j]
				}
			}
			rcpts = append(rcpts, addr)
			if !reply("250 OK") {
				return
			}
		case "DATA":
			if len(rcpts) == 0 {
				reply("503 RCPT first")
				continue
			}
			if !reply("354 End data with <CR><LF>.<CR><LF>") {
				return
			}
			data, err := readData(r)
			if err != nil {
				reply("554 %v", err)
				return
			}
			if s.delay > 0 {
				select {
				case <-time.After(s.delay):
				case <-s.ctx.Done():
				}
			}
			if s.ctx.Err() != nil {
				reply("421 smtpsink shutting down; message not accepted")
				return
			}
			if err := s.record(data, rcpts); err != nil {
				log.Printf("smtpsink: record: %v", err)
				reply("451 could not store the message")
				return
			}
			from, rcpts = "", nil
			if !reply("250 OK accepted") {
				return
			}
		case "RSET":
			from, rcpts = "", nil
			if !reply("250 OK") {
				return
			}
		case "NOOP":
			if !reply("250 OK") {
				return
			}
		case "QUIT":
			reply("221 bye")
			return
		default:
			if !reply("502 command not implemented") {
				return
			}
		}
	}
}

// readData reads a message's data up to the line with a single dot,
// undoing dot-stuffing.
func readData(r *bufio.Reader) ([]byte, error) {
	var b strings.Builder
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		if line == ".\r\n" || line == ".\n" {
			return []byte(b.String()), nil
		}
		if strings.HasPrefix(line, ".") {
			line = line[1:]
		}
		if b.Len()+len(line) > maxMessage {
			return nil, errors.New("message too large")
		}
		b.WriteString(line)
	}
}
