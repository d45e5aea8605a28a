// Reads one HTTP request, {"headers": {name: value}, "body": "..."}, from standard input, turns it
// into a CloudEvent with the official JavaScript SDK (HTTP.toEvent, as a receiver does), checks the
// event against the specification (validate) and prints it as JSON. Exits 1 with the SDK's message
// if it refuses the request.
const { HTTP } = require("cloudevents");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  try {
    const request = JSON.parse(input);
    const event = HTTP.toEvent({ headers: request.headers, body: request.body });
    if (Array.isArray(event)) {
      throw new Error("expected one event, got a batch of " + event.length);
    }
    event.validate();
    process.stdout.write(JSON.stringify(event));
  } catch (e) {
    process.stderr.write("the CloudEvents SDK refused the request: " + (e && e.message) + (e && e.errors && e.errors.length ? " " + JSON.stringify(e.errors) : "") + "\n");
    process.exit(1);
  }
});
