package web

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// People's own journeys: signing up, in and out, verifying an address,
// resetting a password and asking to join an organisation. Each works as
// a plain form; each asks the API what the JS SDK would.

const usersAPI = "/api/collections/" + hooks.ColUsers

// emailPattern is the same light check the browser's own would make.
var emailPattern = regexp.MustCompile(`^[^\s@]+@[^\s@]+\.[^\s@]+$`)

// signInPage: GET /sign-in.
func (s *Site) signInPage(e *core.RequestEvent) error {
	f := newForm(e, url.Values{"next": {localPath(e.Request.URL.Query().Get("next"), "/my")}})
	return s.render(e, http.StatusOK, "sign-in", Page{Title: "Sign in", Page: "sign-in", Form: f})
}

// signIn: POST /sign-in, then back to where the person was.
func (s *Site) signIn(e *core.RequestEvent) error {
	values, ok, err := s.posted(e)
	if !ok {
		return err
	}
	f := newForm(e, url.Values{"email": {strings.TrimSpace(values.Get("email"))}, "next": {localPath(values.Get("next"), "/my")}})
	f.required("email", "Enter your email address")
	if values.Get("password") == "" {
		f.add("password", "Enter your password")
	}
	if !f.Failed() {
		a, err := s.call(e, http.MethodPost, usersAPI+"/auth-with-password",
			map[string]string{"identity": f.Value("email"), "password": values.Get("password")})
		if err != nil {
			return e.InternalServerError("", err)
		}
		switch {
		case a.OK():
			var res struct {
				Token string `json:"token"`
			}
			if err := a.decode(&res); err != nil {
				return e.InternalServerError("", err)
			}
			c, err := e.App.FindCollectionByNameOrId(hooks.ColUsers)
			if err != nil {
				return e.InternalServerError("", fmt.Errorf("read the users collection: %w", err))
			}
			startSession(e, res.Token, c.AuthToken.DurationTime())
			return e.Redirect(http.StatusSeeOther, f.Value("next"))
		case a.Status == http.StatusTooManyRequests:
			f.Problem = "You have tried to sign in too many times. Wait a minute, then try again."
		case a.Status == http.StatusBadRequest:
			f.add("email", "Enter a correct email address and password")
		default:
			f.apply(a, nil, nil)
		}
	}
	return s.render(e, http.StatusBadRequest, "sign-in", Page{Title: "Sign in", Page: "sign-in", Form: f})
}

// signOutPage: GET /sign-out asks (a link previewer following it signs
// nobody out); the button posts.
func (s *Site) signOutPage(e *core.RequestEvent) error {
	if e.Auth == nil {
		return e.Redirect(http.StatusSeeOther, "/")
	}
	return s.render(e, http.StatusOK, "sign-out", Page{Title: "Sign out", Page: "sign-out", Form: newForm(e, nil)})
}

// signOut: POST /sign-out.
func (s *Site) signOut(e *core.RequestEvent) error {
	if _, ok, err := s.posted(e); !ok {
		return err
	}
	endSession(e)
	e.Auth = nil
	e.Set(sessionTokenKey, "")
	return s.render(e, http.StatusOK, "message", Page{Title: "You have signed out", Page: "sign-out",
		Data: message{Heading: "You have signed out", Body: "You have signed out of Pipeline.", Link: "/sign-in", LinkText: "Sign in again", Button: true}})
}

// signUpPage: GET /sign-up.
func (s *Site) signUpPage(e *core.RequestEvent) error {
	return s.render(e, http.StatusOK, "sign-up", Page{Title: "Create an account", Page: "sign-up", Form: newForm(e, nil)})
}

// signUp: POST /sign-up creates the account; Pipeline sends the
// verification email itself.
func (s *Site) signUp(e *core.RequestEvent) error {
	values, ok, err := s.posted(e)
	if !ok {
		return err
	}
	f := newForm(e, url.Values{"name": {strings.TrimSpace(values.Get("name"))}, "jobTitle": {strings.TrimSpace(values.Get("jobTitle"))},
		"email": {strings.TrimSpace(values.Get("email"))}})
	password := values.Get("password")
	switch name := f.Value("name"); {
	case name == "":
		f.add("name", "Enter your full name")
	case len([]rune(name)) > 200:
		f.add("name", "Full name must be 200 characters or fewer")
	}
	if len([]rune(f.Value("jobTitle"))) > 150 {
		f.add("jobTitle", "Job title must be 150 characters or fewer")
	}
	switch email := f.Value("email"); {
	case email == "":
		f.add("email", "Enter your email address")
	case !emailPattern.MatchString(email):
		f.add("email", "Enter an email address in the correct format, like name@example.com")
	}
	switch {
	case password == "":
		f.add("password", "Enter a password")
	case len(password) < 8:
		f.add("password", "Password must be 8 characters or more")
	case len(password) > 71:
		f.add("password", "Password must be 71 characters or fewer")
	}
	if !f.Failed() {
		a, err := s.call(e, http.MethodPost, usersAPI+"/records", map[string]string{"name": f.Value("name"), "jobTitle": f.Value("jobTitle"),
			"email": f.Value("email"), "password": password, "passwordConfirm": password})
		if err != nil {
			return e.InternalServerError("", err)
		}
		if a.OK() {
			return s.render(e, http.StatusOK, "check-email", Page{Title: "Check your email", Page: "sign-up", Data: f.Value("email")})
		}
		f.apply(a, map[string]string{
			"email.validation_not_unique": "An account with this email address already exists. Sign in instead.",
			"email.validation_is_email":   "Enter an email address in the correct format, like name@example.com",
			"password":                    "Password must be between 8 and 71 characters",
		}, map[string]string{"passwordConfirm": "password"})
	}
	return s.render(e, http.StatusBadRequest, "sign-up", Page{Title: "Create an account", Page: "sign-up", Form: f})
}

// resetView is the reset-password page: asking for a link, or (with the
// link's token) choosing a new password.
type resetView struct {
	Token string
	// Email is the account's address, for password managers.
	Email string
}

// resetPasswordPage: GET /reset-password, and /reset-password?token=…
// from the email.
func (s *Site) resetPasswordPage(e *core.RequestEvent) error {
	token := e.Request.URL.Query().Get("token")
	title := "Reset your password"
	if token != "" {
		title = "Choose a new password"
	}
	return s.render(e, http.StatusOK, "reset-password", Page{Title: title, Page: "reset-password", Form: newForm(e, nil), Data: resetView{Token: token, Email: tokenClaim(token, "email")}})
}

// resetPassword: POST /reset-password sends the link, or, with a token,
// sets the new password.
func (s *Site) resetPassword(e *core.RequestEvent) error {
	values, ok, err := s.posted(e)
	if !ok {
		return err
	}
	token := values.Get("token")
	if token == "" {
		f := newForm(e, url.Values{"email": {strings.TrimSpace(values.Get("email"))}})
		if !emailPattern.MatchString(f.Value("email")) {
			f.add("email", "Enter your email address, like name@example.com")
		}
		if !f.Failed() {
			a, err := s.call(e, http.MethodPost, usersAPI+"/request-password-reset", map[string]string{"email": f.Value("email")})
			if err != nil {
				return e.InternalServerError("", err)
			}
			if a.OK() {
				return s.render(e, http.StatusOK, "message", Page{Title: "Check your email", Page: "reset-password", Data: message{
					Heading: "Check your email",
					Body:    "If " + f.Value("email") + " has an account on Pipeline, we have sent it a link to reset the password. The link expires after 30 minutes.",
				}})
			}
			f.apply(a, nil, nil)
		}
		return s.render(e, http.StatusBadRequest, "reset-password", Page{Title: "Reset your password", Page: "reset-password", Form: f})
	}
	f := newForm(e, nil)
	password, confirm := values.Get("password"), values.Get("passwordConfirm")
	switch {
	case password == "":
		f.add("password", "Enter a new password")
	case len(password) < 8:
		f.add("password", "Password must be 8 characters or more")
	case len(password) > 71:
		f.add("password", "Password must be 71 characters or fewer")
	}
	if confirm != password && !f.Failed() {
		f.add("passwordConfirm", "Enter the same password twice")
	}
	if !f.Failed() {
		a, err := s.call(e, http.MethodPost, usersAPI+"/confirm-password-reset",
			map[string]string{"token": token, "password": password, "passwordConfirm": confirm})
		if err != nil {
			return e.InternalServerError("", err)
		}
		if a.OK() {
			return s.render(e, http.StatusOK, "message", Page{Title: "Your password has been changed", Page: "reset-password", Data: message{
				Heading: "Your password has been changed", Body: "You can now sign in with your new password.",
				Link: "/sign-in", LinkText: "Sign in", Button: true}})
		}
		if _, bad := a.Data["token"]; bad {
			f.Problem = "The link to reset your password has expired or does not work. Ask for a new link below."
			token = ""
		} else {
			f.apply(a, nil, nil)
		}
	}
	return s.render(e, http.StatusBadRequest, "reset-password", Page{Title: "Choose a new password", Page: "reset-password", Form: f, Data: resetView{Token: token, Email: tokenClaim(token, "email")}})
}

// verifyView is the verify-email page.
type verifyView struct {
	Token     string
	Me        *viewer
	Verified  bool
	Email     string
	NextSteps string
}

// verifyEmailPage: GET /verify-email?token=… from the email shows one
// button (mail scanners open links; opening it verifies nothing), and
// without a token offers a new link to someone signed in.
func (s *Site) verifyEmailPage(e *core.RequestEvent) error {
	v := verifyView{Token: e.Request.URL.Query().Get("token"), Me: viewerOf(e)}
	if v.Me != nil {
		v.Verified = v.Me.rec.Verified()
		v.Email = v.Me.Email
	}
	return s.render(e, http.StatusOK, "verify-email", Page{Title: "Verify your email address", Page: "verify-email", Form: newForm(e, nil), Data: v})
}

// verifyEmail: POST /verify-email confirms the token, or (signed in,
// without one) sends a new link.
func (s *Site) verifyEmail(e *core.RequestEvent) error {
	values, ok, err := s.posted(e)
	if !ok {
		return err
	}
	if token := values.Get("token"); token != "" {
		a, err := s.call(e, http.MethodPost, usersAPI+"/confirm-verification", map[string]string{"token": token})
		if err != nil {
			return e.InternalServerError("", err)
		}
		if !a.OK() {
			return s.render(e, http.StatusBadRequest, "message", Page{Title: "The link has expired or does not work", Page: "verify-email", Data: message{
				Heading: "The link has expired or does not work",
				Body:    "Sign in to get a new link to verify your email address.", Link: "/sign-in?next=%2Fverify-email", LinkText: "Sign in", Button: true}})
		}
		next := message{Heading: "Your email address is verified",
			Body: "Sign in to finish setting up your account. If your organisation has registered the domain of your email address, you are already a member of it. If not, you can ask to join it.",
			Link: "/sign-in?next=%2Fjoin", LinkText: "Sign in", Button: true}
		if e.Auth != nil {
			next.Body, next.Link, next.LinkText = "Your account is ready.", "/join", "Continue"
		}
		return s.render(e, http.StatusOK, "message", Page{Title: next.Heading, Page: "verify-email", Data: next})
	}
	if e.Auth == nil {
		return e.Redirect(http.StatusSeeOther, "/sign-in?next=%2Fverify-email")
	}
	a, err := s.call(e, http.MethodPost, usersAPI+"/request-verification", map[string]string{"email": e.Auth.Email()})
	if err != nil {
		return e.InternalServerError("", err)
	}
	if !a.OK() {
		f := newForm(e, nil)
		f.apply(a, nil, nil)
		return s.render(e, a.Status, "verify-email", Page{Title: "Verify your email address", Page: "verify-email", Form: f,
			Data: verifyView{Me: viewerOf(e), Email: e.Auth.Email()}})
	}
	return s.render(e, http.StatusOK, "check-email", Page{Title: "Check your email", Page: "verify-email", Data: e.Auth.Email()})
}

// confirmEmailView is the confirm-email page.
type confirmEmailView struct {
	Token, NewEmail string
}

// tokenClaim reads one claim of a token from an email, only to show it
// (the address it is for); the API checks the token itself.
func tokenClaim(token, claim string) string {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return ""
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return ""
	}
	var claims map[string]any
	_ = json.Unmarshal(b, &claims)
	s, _ := claims[claim].(string)
	return s
}

// newEmailOf is the new address an email-change token is for.
func newEmailOf(token string) string { return tokenClaim(token, "newEmail") }

// confirmEmailPage: GET /confirm-email?token=… from the email sent to the
// new address; the person proves it is them with their password.
func (s *Site) confirmEmailPage(e *core.RequestEvent) error {
	token := e.Request.URL.Query().Get("token")
	return s.render(e, http.StatusOK, "confirm-email", Page{Title: "Confirm your new email address", Page: "confirm-email",
		Form: newForm(e, nil), Data: confirmEmailView{Token: token, NewEmail: newEmailOf(token)}})
}

// confirmEmail: POST /confirm-email.
func (s *Site) confirmEmail(e *core.RequestEvent) error {
	values, ok, err := s.posted(e)
	if !ok {
		return err
	}
	v := confirmEmailView{Token: values.Get("token"), NewEmail: newEmailOf(values.Get("token"))}
	f := newForm(e, nil)
	if values.Get("password") == "" {
		f.add("password", "Enter your password")
	}
	if !f.Failed() {
		a, err := s.call(e, http.MethodPost, usersAPI+"/confirm-email-change", map[string]string{"token": v.Token, "password": values.Get("password")})
		if err != nil {
			return e.InternalServerError("", err)
		}
		if a.OK() {
			// The account's tokens change with its address: the session ends.
			endSession(e)
			body := "Sign in with your new email address."
			if v.NewEmail != "" {
				body = "Sign in with your new email address, " + v.NewEmail + "."
			}
			return s.render(e, http.StatusOK, "message", Page{Title: "Your email address has been changed", Page: "confirm-email",
				Data: message{Heading: "Your email address has been changed", Body: body, Link: "/sign-in", LinkText: "Sign in", Button: true}})
		}
		if _, bad := a.Data["token"]; bad {
			f.Problem = "This link has expired or does not work. Sign in and ask to change your email address again"
		} else {
			f.apply(a, map[string]string{"password": "Enter the correct password for your Pipeline account"}, nil)
		}
	}
	return s.render(e, http.StatusBadRequest, "confirm-email", Page{Title: "Confirm your new email address", Page: "confirm-email", Form: f, Data: v})
}
