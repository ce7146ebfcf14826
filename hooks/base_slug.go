package hooks

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/text/unicode/norm"
)

// Slugify turns a title into lower-case ASCII words joined by hyphens, at
// most 80 characters long.
func Slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
	}
	out := b.String()
	if len(out) > 80 {
		out = strings.TrimRight(out[:80], "-")
	}
	return out
}

// uniqueSlug returns base, or base-2, base-3 … whichever is not yet used in
// collection by a record other than selfId.
func uniqueSlug(app core.App, collection, base, selfId string) (string, error) {
	if base == "" {
		base = "untitled"
	}
	candidate := base
	for n := 2; n < 10000; n++ {
		count, err := app.CountRecords(collection, dbx.HashExp{"slug": candidate}, dbx.Not(dbx.HashExp{"id": selfId}))
		if err != nil {
			return "", fmt.Errorf("check slug %q: %w", candidate, err)
		}
		if count == 0 {
			return candidate, nil
		}
		candidate = fmt.Sprintf("%s-%d", base, n)
	}
	return "", fmt.Errorf("no free slug for %q", base)
}
