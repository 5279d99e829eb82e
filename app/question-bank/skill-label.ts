/**
 * A skill as the pages show it: "distributed-systems" → "Distributed systems",
 * "rest-api" → "REST API". The slug stays the value in forms and URLs; only
 * what a person reads changes. Names and acronyms keep their usual spelling.
 */
const SPELLINGS: Record<string, string> = {
  api: "API",
  aws: "AWS",
  cd: "CD",
  ci: "CI",
  css: "CSS",
  devops: "DevOps",
  dns: "DNS",
  docker: "Docker",
  git: "Git",
  graphql: "GraphQL",
  grpc: "gRPC",
  html: "HTML",
  http: "HTTP",
  javascript: "JavaScript",
  kafka: "Kafka",
  kubernetes: "Kubernetes",
  linux: "Linux",
  mongodb: "MongoDB",
  mysql: "MySQL",
  nodejs: "Node.js",
  postgresql: "PostgreSQL",
  rabbitmq: "RabbitMQ",
  redis: "Redis",
  rest: "REST",
  sql: "SQL",
  tcp: "TCP",
  typescript: "TypeScript",
};

/** Pairs of words written with a slash ("ci-cd" → "CI/CD"). */
const JOINED = new Map([["ci-cd", "CI/CD"]]);

export function skillLabel(slug: string): string {
  const words = slug.split(/[-_\s]+/).filter(Boolean);
  if (words.length === 0) return slug;
  const spelled = words.map((word) => SPELLINGS[word.toLowerCase()] ?? word.toLowerCase());
  let text = spelled.join(" ");
  for (const [pair, joined] of JOINED) {
    const [a, b] = pair.split("-").map((w) => SPELLINGS[w] ?? w);
    text = text.replace(`${a} ${b}`, joined);
  }
  // The first word starts with a capital, unless it is a name spelled otherwise (gRPC).
  return spelled[0] === words[0]!.toLowerCase()
    ? text.charAt(0).toUpperCase() + text.slice(1)
    : text;
}

/** Several skills in one line: "REST API, GraphQL, gRPC". */
export function skillList(slugs: readonly string[]): string {
  return slugs.map(skillLabel).join(", ");
}
