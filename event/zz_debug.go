package event

import "sync/atomic"

var DebugDecisions, DebugHits, DebugCoded atomic.Int64
