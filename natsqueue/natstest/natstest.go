// Package natstest runs a NATS server with JetStream inside a test
// process, listening on a loopback port, so that queue tests need nothing
// installed. It can restart the server on the same port and storage
// directory to test recovery.
package natstest

import (
	"net"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Server is an in-process NATS server with JetStream.
type Server struct {
	srv  *server.Server
	dir  string
	port int
	opts []Option
}

// Option changes the server's options before it starts.
type Option func(*server.Options)

// MaxPayload sets the server's max_payload: the largest message, headers
// included, that a client may publish (1 MB by default).
func MaxPayload(n int32) Option {
	return func(o *server.Options) { o.MaxPayload = n }
}

// Start starts a server that keeps its streams in dir (t.TempDir() when
// empty) and stops it when the test ends.
func Start(t testing.TB, dir string, opts ...Option) *Server {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	s := &Server{dir: dir, port: -1, opts: opts}
	s.start(t)
	t.Cleanup(s.Shutdown)
	return s
}

func (s *Server) start(t testing.TB) {
	t.Helper()
	opts := &server.Options{
		Host:               "127.0.0.1",
		Port:               s.port,
		JetStream:          true,
		StoreDir:           s.dir,
		JetStreamMaxMemory: 64 << 20,
		JetStreamMaxStore:  1 << 30,
		NoLog:              true,
		NoSigs:             true,
		ServerName:         "sitrep-test",
	}
	for _, o := range s.opts {
		o(opts)
	}
	var err error
	ready := false
	// The port may take a moment to be free again after a restart.
	for i := 0; i < 50 && !ready; i++ {
		s.srv, err = server.NewServer(opts)
		if err != nil {
			t.Fatalf("natstest: %v", err)
		}
		go s.srv.Start()
		if ready = s.srv.ReadyForConnections(10 * time.Second); ready {
			break
		}
		s.srv.Shutdown()
		s.srv.WaitForShutdown()
		time.Sleep(100 * time.Millisecond)
	}
	if !ready {
		t.Fatalf("natstest: server on port %d did not start", s.port)
	}
	if s.port <= 0 {
		s.port = s.srv.Addr().(*net.TCPAddr).Port
	}
}

// URL is the server's client URL (nats://127.0.0.1:PORT).
func (s *Server) URL() string { return s.srv.ClientURL() }

// Restart shuts the server down and starts a new one on the same port and
// storage directory: clients reconnect, streams and consumers survive.
// pause is how long the server stays down.
func (s *Server) Restart(t testing.TB, pause time.Duration) {
	t.Helper()
	s.Shutdown()
	time.Sleep(pause)
	s.start(t)
}

// Shutdown stops the server.
func (s *Server) Shutdown() {
	if s.srv != nil {
		s.srv.Shutdown()
		s.srv.WaitForShutdown()
	}
}
