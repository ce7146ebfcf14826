package hooks

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
)

// JSONList is a list of strings stored as a JSON array in one column.
type JSONList []string

// Scan reads a JSON array column.
func (l *JSONList) Scan(src any) error {
	var raw []byte
	switch v := src.(type) {
	case nil:
		*l = JSONList{}
		return nil
	case string:
		raw = []byte(v)
	case []byte:
		raw = v
	default:
		return fmt.Errorf("JSONList: cannot scan %T", src)
	}
	if len(raw) == 0 || string(raw) == "null" {
		*l = JSONList{}
		return nil
	}
	var out []string
	if err := json.Unmarshal(raw, &out); err != nil {
		return fmt.Errorf("JSONList: %w", err)
	}
	*l = out
	return nil
}

// Value writes the list as a JSON array.
func (l JSONList) Value() (driver.Value, error) {
	b, err := json.Marshal([]string(l))
	return string(b), err
}
