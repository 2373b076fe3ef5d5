// The naive design the issue compares against: a plain socket.io server that keeps ballots in
// memory and broadcasts the whole tally to everyone on every vote. Same event names and payload
// shapes as Plenary's ('vote.cast' with an ack, 'poll.results'), so the same clients drive it.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

interface Vote {
  cmdId: string;
  pollId: string;
  answer: { kind: 'single'; optionId: string };
}

const ballots = new Map<string, Map<string, string>>();
const http = createServer();
const io = new Server(http, { serveClient: false });

io.on('connection', (socket) => {
  const voter = String((socket.handshake.auth as { voter?: string }).voter ?? socket.id);
  socket.on('vote.cast', (vote: Vote, ack: (r: { ok: true; ballots: number }) => void) => {
    const poll = ballots.get(vote.pollId) ?? new Map<string, string>();
    ballots.set(vote.pollId, poll);
    poll.set(voter, vote.answer.optionId);
    const counts = new Map<string, number>();
    for (const optionId of poll.values()) counts.set(optionId, (counts.get(optionId) ?? 0) + 1);
    io.emit('poll.results', {
      pollId: vote.pollId,
      kind: 'single',
      voters: poll.size,
      options: [...counts].map(([optionId, count]) => ({ optionId, count })),
    });
    // As Plenary's ack: how many ballots the poll holds with this one (the bench pairs each vote
    // with the first tally that counts that many).
    ack({ ok: true, ballots: poll.size });
  });
});

const port = Number(process.env.PORT ?? 0);
http.listen(port, '127.0.0.1', () => console.log(`naive poll server listening on ${port}`));
process.on('SIGTERM', () => io.close(() => process.exit(0)));
