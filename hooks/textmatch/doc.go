// Package textmatch is Pipeline's text analysis, apart from PocketBase and
// the database: parsing what someone typed into words and phrases, the
// full-text MATCH expression built from them, edit distance for spelling
// corrections and highlighted snippets. It is small and pure, so it is
// tested and fuzzed on its own. (Similar projects have a leaf of their
// own, package similarity.)
package textmatch
