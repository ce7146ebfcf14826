package hooks

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// handledByPocketBase are fields whose changes PocketBase itself polices
// (identity, timestamps, credentials), so the field guard leaves them alone.
// emailVisibility and avatar are not among them: PocketBase lets anyone who
// passes the update rule change them, so the guard decides (only the person
// themself may).
var handledByPocketBase = []string{
	core.FieldNameId, "created", "updated",
	core.FieldNamePassword, core.FieldNameTokenKey, core.FieldNameEmail,
	core.FieldNameVerified,
}

// changedFields lists the fields of r whose value differs from the value it
// was loaded with (for a new record: from the empty record).
func changedFields(r *core.Record) []string {
	orig := r.Original()
	var out []string
	for _, f := range r.Collection().Fields {
		name := f.GetName()
		if slices.Contains(handledByPocketBase, name) {
			continue
		}
		if !sameValue(orig.Get(name), r.Get(name)) {
			out = append(out, name)
		}
	}
	return out
}

// sameValue compares two field values, treating JSON by meaning rather than
// by spelling and empty values of any kind as equal.
func sameValue(a, b any) bool {
	if isEmpty(a) && isEmpty(b) {
		return true
	}
	ra, aIsJSON := a.(types.JSONRaw)
	rb, bIsJSON := b.(types.JSONRaw)
	if aIsJSON && bIsJSON {
		var va, vb any
		if json.Unmarshal(ra, &va) != nil || json.Unmarshal(rb, &vb) != nil {
			return string(ra) == string(rb)
		}
		return reflect.DeepEqual(va, vb)
	}
	return reflect.DeepEqual(a, b)
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []string:
		return len(x) == 0
	case types.DateTime:
		return x.IsZero()
	case types.JSONRaw:
		s := string(x)
		return s == "" || s == "null" || s == "[]" || s == "{}"
	case float64:
		return x == 0
	case int:
		return x == 0
	case bool:
		return !x
	}
	return false
}

// guardFields rejects, field by field, any change to r that is not in
// allowed. It returns nil when every change is allowed.
func guardFields(r *core.Record, allowed ...string) error {
	errs := validation.Errors{}
	for _, name := range changedFields(r) {
		if !slices.Contains(allowed, name) {
			errs[name] = validation.NewError("pipeline_forbidden_field", "You cannot set this field.")
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// mergeValidation combines the field errors of several checks into one
// set. Any other kind of error wins, since it is not the caller's to fix.
func mergeValidation(errs ...error) error {
	merged := validation.Errors{}
	for _, err := range errs {
		if err == nil {
			continue
		}
		var ve validation.Errors
		if !errors.As(err, &ve) {
			return err
		}
		for k, v := range ve {
			if _, seen := merged[k]; !seen {
				merged[k] = v
			}
		}
	}
	if len(merged) == 0 {
		return nil
	}
	return merged
}

// fieldError is a validation error on one field.
func fieldError(field, code, message string) error {
	return validation.Errors{field: validation.NewError(code, message)}
}

// badRequest turns a validation error into a 400 response whose data names
// the fields at fault.
func badRequest(e *core.RequestEvent, err error) error {
	return e.BadRequestError("Some fields could not be saved. Check each one and try again.", err)
}
