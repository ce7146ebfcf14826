package atom

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

func TestEncodeTakesTheLatestEntryDate(t *testing.T) {
	var b bytes.Buffer
	f := Feed{Id: "tag:host,2026:projects", Title: "Projects", Links: []Link{{Rel: "self", Href: "https://host/feeds/projects.atom"}},
		Entries: []Entry{
			{Id: "a", Title: "Bins & <recycling>", Updated: "2026-11-01T09:00:00Z", Summary: Text{Type: "text", Body: "x"}},
			{Id: "b", Title: "Repairs", Updated: "2026-11-20T09:00:00Z", Summary: Text{Type: "text", Body: "y"}, Category: []Category{{Term: "housing"}}},
		}}
	if err := Encode(&b, f); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, xml.Header) || !strings.Contains(out, `<feed xmlns="http://www.w3.org/2005/Atom">`) {
		t.Fatalf("not an Atom document:\n%s", out)
	}
	var back Feed
	if err := xml.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Updated != "2026-11-20T09:00:00Z" || back.Entries[0].Title != "Bins & <recycling>" || back.Entries[1].Category[0].Term != "housing" {
		t.Errorf("read back %+v", back)
	}
	b.Reset()
	if err := Encode(&b, Feed{Id: "x", Title: "Empty"}); err != nil || !strings.Contains(b.String(), "<updated>"+Epoch+"</updated>") {
		t.Errorf("an empty feed: %v\n%s", err, b.String())
	}
}

func FuzzEncode(f *testing.F) {
	f.Add("Bins", "<b>bold</b> & more")
	f.Add("]]>", "\x00\x01")
	f.Fuzz(func(t *testing.T, title, summary string) {
		var b bytes.Buffer
		if err := Encode(&b, Feed{Id: "x", Title: title, Entries: []Entry{{Id: "e", Title: title, Summary: Text{Type: "text", Body: summary}}}}); err != nil {
			t.Fatal(err)
		}
		var back Feed
		if err := xml.Unmarshal(b.Bytes(), &back); err != nil {
			t.Fatalf("the feed does not parse: %v\n%s", err, b.String())
		}
		if len(back.Entries) != 1 {
			t.Fatalf("%d entries read back", len(back.Entries))
		}
	})
}
