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
	}
	return http.StatusInternalServerError
}

// asAPIError turns any error into what the client is told. Errors that are
// not the client's are logged and reported as internal, without details.
func asAPIError(err error) *Error {
	var ae *Error
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &mbe):
		return errorf(CodeTooLarge, "request body larger than %d bytes", mbe.Limit)
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
	if ae.Code == CodeUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
	}
	h := w.Header()
	h.Del("Content-Disposition")
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(st)
	b, _ := json.Marshal(struct {
		Error *Error `json:"error"`
	}{ae})
	w.Write(append(b, '\n'))
}

// discardLogger is used when Options.Logger is nil.
var discardLogger = slog.New(slog.DiscardHandler)
