// Package atom writes Atom feeds (RFC 4287), the format of Pipeline's
// open-data feeds. It needs nothing of PocketBase.
package atom

import (
	"encoding/xml"
	"fmt"
	"io"
	"time"
)

// Feed is an Atom feed document.
type Feed struct {
	XMLName  xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Id       string   `xml:"id"`
	Title    string   `xml:"title"`
	Subtitle string   `xml:"subtitle,omitempty"`
	Updated  string   `xml:"updated"`
	Author   Person   `xml:"author"`
	Links    []Link   `xml:"link"`
	Entries  []Entry  `xml:"entry"`
}

// Person is a feed's or an entry's author.
type Person struct {
	Name string `xml:"name"`
}

// Link is a link of a feed or entry: rel "self" for the feed itself,
// "alternate" for the page it describes.
type Link struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

// Text is a text construct; Type is "text" or "html".
type Text struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// Entry is one entry of a feed.
type Entry struct {
	Id        string     `xml:"id"`
	Title     string     `xml:"title"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Author    *Person    `xml:"author,omitempty"`
	Links     []Link     `xml:"link"`
	Summary   Text       `xml:"summary"`
	Category  []Category `xml:"category"`
}

// Category is a term an entry is filed under.
type Category struct {
	Term string `xml:"term,attr"`
}

// Epoch is the date a feed or entry gets when it has none: Atom requires
// one.
var Epoch = time.Unix(0, 0).UTC().Format(time.RFC3339)

// Encode writes f as an XML document. The feed's updated date is the
// latest of its own and its entries' (RFC 3339 dates compare as strings).
func Encode(w io.Writer, f Feed) error {
	if f.Updated == "" {
		f.Updated = Epoch
	}
	for _, en := range f.Entries {
		if en.Updated > f.Updated {
			f.Updated = en.Updated
		}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write feed: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("encode feed: %w", err)
	}
	return nil
}
