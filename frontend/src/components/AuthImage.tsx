import { useEffect, useState } from "react";
import { apiFetch } from "../api/client";

/** An image from the API, fetched with the API token (an <img src> could not send it). */
export function AuthImage({ src, alt, className }: { src: string; alt: string; className?: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    setFailed(false);
    apiFetch(src)
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const blob = await response.blob();
        if (cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [src]);
  if (failed) return <div className={`${className ?? ""} image-missing`}>Screenshot not available</div>;
  if (!url) return <div className={`${className ?? ""} image-loading`} aria-busy="true" />;
  return <img className={className} src={url} alt={alt} loading="lazy" />;
}
