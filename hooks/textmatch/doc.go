// Package textmatch is Pipeline's text analysis, apart from PocketBase and
// the database: parsing what someone typed into words and phrases, the
// full-text MATCH expression built from them, edit distance for spelling
// corrections, highlighted snippets, the meaningful words of a project's
// text and the councils' service areas those words belong to. It is small
// and pure, so it is tested and fuzzed on its own.
package textmatch
