package hooks

import (
	"bytes"
	"mime/multipart"
	"testing"
)

// multipartBody is a form upload of a CSV file.
type multipartBody struct {
	*bytes.Buffer
	contentType string
}

func multipartCSV(t testing.TB, csv string, dryRun bool) *multipartBody {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	f, err := w.CreateFormFile("file", "tracker.csv")
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte(csv))
	if dryRun {
		_ = w.WriteField("dryRun", "1")
	}
	w.Close()
	return &multipartBody{&b, w.FormDataContentType()}
}
