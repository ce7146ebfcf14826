package web

import "strings"

// The form partials' arguments (templates/partials.html: "input",
// "radios", "navItem"), built by template functions so that a page names
// a field in one line.

func init() {
	funcs["input"] = inputField
	funcs["radios"] = radioField
	funcs["counted"] = func(f *form, name, label, hint string, max, rows int) textArea {
		return textArea{Name: name, Label: label, Hint: hint, Value: f.Value(name), Error: f.Err(name), Max: max, Rows: rows}
	}
	funcs["join"] = strings.Join
	funcs["add"] = func(a, b int) int { return a + b }
	funcs["navItem"] = func(p Page, key, href, text string) navItem {
		return navItem{Key: key, Href: href, Text: text, Active: navKey(p.Page) == key}
	}
}

// navItem is one link of the service navigation.
type navItem struct {
	Key, Href, Text string
	Active          bool
}

// navKey is the navigation item a page belongs under.
func navKey(page string) string {
	switch page {
	case "project", "project-form", "update-form", "timeline", "projects":
		return "projects"
	case "organisation", "organisations":
		return "organisations"
	case "rounds", "round", "round-new", "round-manage", "bid-new", "bid":
		return "rounds"
	}
	return strings.SplitN(page, "--", 2)[0]
}

// input is a text-like field: Type is an input type, "password" (with
// GOV.UK's show button) or "textarea".
type input struct {
	Name, Label, Hint, Type, Auto, Value, Error string
	// Width is an input width class such as govuk-input--width-10, and
	// LabelClass a label size class.
	Width, LabelClass string
}

// Described is the ids that describe the field: its hint and its error.
func (i input) Described() string { return describedBy(i.Name, i.Hint, i.Error) }

func describedBy(name, hint, err string) string {
	var ids []string
	if hint != "" {
		ids = append(ids, "f-"+name+"-hint")
	}
	if err != "" {
		ids = append(ids, "f-"+name+"-error")
	}
	return strings.Join(ids, " ")
}

// inputField is the "input" partial's argument: the form's value and
// error for name (a password is never shown again).
func inputField(f *form, name, label, hint, typ, auto string) input {
	i := input{Name: name, Label: label, Hint: hint, Type: typ, Auto: auto, Error: f.Err(name)}
	if typ != "password" {
		i.Value = f.Value(name)
	}
	return i
}

// radios is a set of radio buttons.
type radios struct {
	Name, Label, Hint, Error string
	Options                  []option
}

// Described is the ids that describe the fieldset.
func (r radios) Described() string { return describedBy(r.Name, r.Hint, r.Error) }

// radioField is the "radios" partial's argument; pairs are value, label,
// value, label…
func radioField(f *form, name, label, hint string, pairs ...string) radios {
	r := radios{Name: name, Label: label, Hint: hint, Error: f.Err(name)}
	for i := 0; i+1 < len(pairs); i += 2 {
		r.Options = append(r.Options, option{Value: pairs[i], Label: pairs[i+1], Chosen: f.Has(name, pairs[i])})
	}
	return r
}
