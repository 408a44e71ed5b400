// Package natsqueue carries articles from ingesters to extraction workers
// over NATS JetStream.
//
// A Publisher ensures the stream (by default SITREP on subject
// sitrep.articles: work-queue retention, file storage) and publishes each
// sitrep.Article as JSON with a Nats-Msg-Id header set to the article's
// content hash, so that JetStream drops a second copy published within the
// duplicate window; Publish returns once the stream has acknowledged the
// message, and retries (safely, thanks to the id) while the server is
// unreachable.
//
// The stream discards new messages when it is full, never queued ones (an
// existing stream that discards old ones is switched). Publish refuses an
// article the queue cannot take with a *RefusedError: ErrStreamFull when
// the stream is at its max_bytes or max_msgs, ErrTooLarge, before sending,
// when the article is over sitrep's article limit or its message over the
// server's max_payload (read from the connection). A refused article is not
// in the stream; the caller reports it.
//
// A Consumer reads the stream through a durable pull consumer with explicit
// acknowledgement. Work calls a handler for each article and acknowledges
// the message only after the handler returned nil, that is once the
// document is committed; a failed message is negatively acknowledged with a
// growing delay and redelivered up to MaxDeliver times; a long handler keeps
// its message with InProgress; a message that is not valid JSON is
// terminated and logged. Because the store is idempotent by content hash, a
// redelivered message (after a crash between commit and ack) stores nothing
// twice: the pipeline is at-least-once on the queue, exactly-once in the
// store.
package natsqueue
