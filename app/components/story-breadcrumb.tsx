import { Link } from "@remix-run/react";

/** Where a page about one story sits: the story bank, then the story. */
export function StoryBreadcrumb({ story }: { story: { id: string; title: string } }) {
  return (
    <p className="breadcrumb">
      <Link to="/stories">Story bank</Link> · <Link to={`/stories/${story.id}`}>{story.title}</Link>
    </p>
  );
}
