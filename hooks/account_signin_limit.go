package hooks

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// Password guesses are limited per account, beside PocketBase's limit per
// client address (which a council office, where everyone signs in from one
// address at 9 am, needs to be generous). An account with
// Config.SignInMaxFailures failed sign-ins within Config.SignInWindow is
// refused, with 429 and the time to try again, whatever the password,
// until the oldest of them is SignInWindow old. An address without an
// account is counted the same, so the refusal does not tell whether an
// account exists. A successful sign-in clears its own account's failures
// and no one else's. Failures are kept in the database, so a restart does
// not forget them.

// signInFailuresTable keeps one row per failed sign-in: the account (see
// signInAccount) and when (a stored date, so rows sort by time as text).
const signInFailuresTable = "pipeline_signin_failures"

// signInAccount is the key failures are counted under: the auth
// collection and the identity as typed, lower-cased and trimmed, hashed so
// that the addresses people mistype are not stored.
func signInAccount(col *core.Collection, identity string) string {
	sum := sha256.Sum256([]byte(col.Id + "\x00" + strings.ToLower(strings.TrimSpace(identity))))
	return hex.EncodeToString(sum[:])
}

// limitPasswordGuesses is the OnRecordAuthWithPasswordRequest hook of
// every auth collection.
func limitPasswordGuesses(e *core.RecordAuthWithPasswordRequestEvent) error {
	now := time.Now()
	until, err := signInLockedUntil(e.App, e.Collection, e.Identity, now)
	if err != nil {
		// The per-address limit still holds; nobody is locked out by a
		// broken config record.
		e.App.Logger().Error("sign-in limit", "error", err)
		return e.Next()
	}
	if !until.IsZero() {
		return e.TooManyRequestsError(signInRefusal(until), nil)
	}
	err = e.Next()
	var apiErr *router.ApiError
	switch {
	case err == nil:
		if cerr := clearSignInFailures(e.App, e.Collection, e.Identity); cerr != nil {
			e.App.Logger().Error("sign-in limit: clear failures", "error", cerr)
		}
	case errors.As(err, &apiErr) && apiErr.Status == 400:
		if rerr := recordSignInFailure(e.App, e.Collection, e.Identity, now); rerr != nil {
			e.App.Logger().Error("sign-in limit: record failure", "error", rerr)
		}
	}
	return err
}

// signInRefusal says when an account refused for its failures may try
// again, to the minute, rounded up.
func signInRefusal(until time.Time) string {
	at := until.UTC()
	if t := at.Truncate(time.Minute); !t.Equal(at) {
		at = t.Add(time.Minute)
	}
	return fmt.Sprintf("Too many failed sign-ins to this account. Try again after %s UTC on %s.",
		at.Format("15:04"), at.Format("2 January 2006"))
}

// signInLockedUntil returns when the account may next try to sign in, or
// the zero time when it may now.
func signInLockedUntil(app core.App, col *core.Collection, identity string, now time.Time) (time.Time, error) {
	cfg, err := LoadConfig(app)
	if err != nil {
		return time.Time{}, err
	}
	var times []string
	err = app.DB().NewQuery("SELECT at FROM " + signInFailuresTable +
		" WHERE account = {:a} AND at > {:since} ORDER BY at DESC LIMIT {:max}").
		Bind(dbx.Params{"a": signInAccount(col, identity), "since": Stamp(now.Add(-cfg.SignInWindow)).String(), "max": cfg.SignInMaxFailures}).
		Column(&times)
	if err != nil {
		return time.Time{}, fmt.Errorf("read sign-in failures: %w", err)
	}
	if len(times) < cfg.SignInMaxFailures {
		return time.Time{}, nil
	}
	oldest, err := time.Parse("2006-01-02 15:04:05.000Z", times[len(times)-1])
	if err != nil {
		return time.Time{}, fmt.Errorf("read sign-in failure time %q: %w", times[len(times)-1], err)
	}
	return oldest.Add(cfg.SignInWindow), nil
}

// recordSignInFailure counts a failed sign-in to the account at now, and
// forgets failures too old to count for anyone.
func recordSignInFailure(app core.App, col *core.Collection, identity string, now time.Time) error {
	cfg, err := LoadConfig(app)
	if err != nil {
		return err
	}
	return app.RunInTransaction(func(tx core.App) error {
		if _, err := tx.DB().NewQuery("DELETE FROM " + signInFailuresTable + " WHERE at <= {:since}").
			Bind(dbx.Params{"since": Stamp(now.Add(-cfg.SignInWindow)).String()}).Execute(); err != nil {
			return fmt.Errorf("forget old sign-in failures: %w", err)
		}
		if _, err := tx.DB().Insert(signInFailuresTable, dbx.Params{
			"account": signInAccount(col, identity), "at": Stamp(now).String(),
		}).Execute(); err != nil {
			return fmt.Errorf("record sign-in failure: %w", err)
		}
		return nil
	})
}

// clearSignInFailures forgets the account's failures after it signs in.
func clearSignInFailures(app core.App, col *core.Collection, identity string) error {
	_, err := app.DB().Delete(signInFailuresTable, dbx.HashExp{"account": signInAccount(col, identity)}).Execute()
	if err != nil {
		return fmt.Errorf("clear sign-in failures: %w", err)
	}
	return nil
}
