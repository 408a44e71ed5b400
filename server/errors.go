package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"sitrep"
)

// Error codes of the API's JSON errors.
const (
	CodeInvalid          = "invalid"
	CodeUnauthorized     = "unauthorized"
	CodeNotFound         = "not_found"
	CodeMethodNotAllowed = "method_not_allowed"
	CodeTooLarge         = "too_large"
	CodeTimeout          = "timeout"
	CodeInternal         = "internal"
	// CodeForbidden: a Host the server does not answer to, or a write
	// from another origin.
	CodeForbidden = "forbidden"
	// CodeUnsupportedMediaType: a write the token does not authenticate
	// that is not application/json.
	CodeUnsupportedMediaType = "unsupported_media_type"
	// CodeBusy: too many extractions or searches at once; the answer
	// carries Retry-After.
	CodeBusy = "busy"
)

// Error is an error the API reports to its client: a code and a message
// fit to show.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// errorf returns an *Error with a formatted message.
func errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// status maps an error code to its HTTP status.
func status(code string) int {
	switch code {
	case CodeInvalid:
		return http.StatusBadRequest
	case CodeUnauthorized:
		return http.StatusUnauthorized
	case CodeNotFound:
		return http.StatusNotFound
	case CodeMethodNotAllowed:
		return http.StatusMethodNotAllowed
	case CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	case CodeTimeout:
		return http.StatusServiceUnavailable
	case CodeForbidden:
		return http.StatusForbidden
	case CodeUnsupportedMediaType:
		return http.StatusUnsupportedMediaType
	case CodeBusy:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// asAPIError turns any error into what the client is told. Errors that are
// not the client's are logged and reported as internal, without details.
func asAPIError(err error) *Error {
	var (
		ae  *Error
		mbe *http.MaxBytesError
		le  *sitrep.LimitError
		sle *sitrep.SearchLimitError
	)
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &mbe):
		return errorf(CodeTooLarge, "request body larger than %d bytes", mbe.Limit)
	case errors.As(err, &le):
		return errorf(CodeTooLarge, "%v", le)
	case errors.As(err, &sle):
		return errorf(CodeInvalid, "query parameter q: %v", sle)
	case errors.Is(err, sitrep.ErrNotFound):
		return errorf(CodeNotFound, "not found")
	case errors.Is(err, context.DeadlineExceeded):
		return errorf(CodeTimeout, "the request took too long")
	case errors.Is(err, context.Canceled):
		return errorf(CodeTimeout, "the request was cancelled")
	}
	return errorf(CodeInternal, "internal error")
}

// writeError writes err as the API's JSON error, the one place where errors
// become statuses.
func (s *server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	ae := asAPIError(err)
	st := status(ae.Code)
	if ae.Code == CodeInternal {
		s.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	} else if ae.Code == CodeTimeout {
		s.log.WarnContext(r.Context(), "request timed out", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	h := w.Header()
	switch ae.Code {
	case CodeUnauthorized:
		h.Set("WWW-Authenticate", `Bearer realm="sitrep"`)
	case CodeBusy:
		h.Set("Retry-After", retryAfterHeader)
	}
	h.Del("Content-Disposition")
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(st)
	body := struct {
		Error   *Error      `json:"error"`
		Results []putResult `json:"results,omitempty"`
	}{Error: ae}
	var be *batchError
	if errors.As(err, &be) {
		body.Results = be.results
	}
	b, _ := json.Marshal(body)
	w.Write(append(b, '\n'))
}

// batchError is the failure of a batch write part of the way through: the
// error that stopped it and what became of each article, so that the
// answer tells which articles were stored before the failure.
type batchError struct {
	err     error
	results []putResult
}

func (e *batchError) Error() string { return e.err.Error() }
func (e *batchError) Unwrap() error { return e.err }

// discardLogger is used when Options.Logger is nil.
var discardLogger = slog.New(slog.DiscardHandler)
