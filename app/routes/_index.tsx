import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { clearFormDraftsStartingWith } from "~/utils/use-form-draft";
import { Notice } from "~/components/ui/notice";
import { getOptionalUser } from "~/features/accounts/auth.server";
import { organiserHome, participantHome, publicHome, speakerHome } from "~/features/home/home.server";
import { OrganiserStart, ParticipantStart, SpeakerStart } from "~/features/home/member-home";
import { PublicHome } from "~/features/home/public-home";

export const meta: MetaFunction = () => [
  { title: "Start – Werkplaats wijkgericht werken" },
  {
    name: "description",
    content:
      "Een leerprogramma in vier bijeenkomsten voor gemeenten die wijkgericht werken, als trio uit de wijk, het fysieke en het sociale domein.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const now = new Date();
  if (!user) return json({ view: "public" as const, editions: publicHome(now) });
  if (user.role === "organiser") return json({ view: "organiser" as const, name: user.name, editions: organiserHome(now) });
  if (user.role === "speaker") return json({ view: "speaker" as const, name: user.name, sessions: speakerHome(user.id, now) });
  return json({ view: "participant" as const, name: user.name, trios: participantHome(user.id, now) });
}

function Welcome() {
  const [params] = useSearchParams();
  const registered = Boolean(params.get("aangemeld"));
  useEffect(() => {
    if (registered) clearFormDraftsStartingWith("aanmelden-");
  }, [registered]);
  if (params.get("welkom") === "1") return <Notice tone="success">Je account is klaar. Welkom!</Notice>;
  if (params.get("aangemeld")) {
    return (
      <Notice tone="success">
        {params.get("aangemeld") === "wachtlijst"
          ? "Jullie trio is aangemeld en staat op de wachtlijst: alle plaatsen zijn nu bezet. Komt er een plaats vrij, dan hoor je het meteen."
          : "Jullie trio is aangemeld. De begeleiders laten jullie weten of jullie trio is toegelaten."}{" "}
        Je twee collega&apos;s hebben een e-mail gekregen, en jij een bevestiging.
      </Notice>
    );
  }
  if (params.get("verlaten") === "1") return <Notice tone="success">Je hebt het trio verlaten. Je account blijft bestaan.</Notice>;
  return null;
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  if (data.view === "public") return <PublicHome editions={data.editions} />;
  if (data.view === "organiser") return <OrganiserStart data={data} welcome={<Welcome />} />;
  if (data.view === "speaker") return <SpeakerStart data={data} welcome={<Welcome />} />;
  return <ParticipantStart data={data} welcome={<Welcome />} />;
}
