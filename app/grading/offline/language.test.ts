import { describe, expect, it } from "vitest";
import { looksNonEnglish } from "./language";
import { analyseText } from "./text-analysis";

const nonEnglish = (text: string) => looksNonEnglish(analyseText(text));

describe("looksNonEnglish", () => {
  it("flags other languages", () => {
    expect(nonEnglish("Docker empaqueta la aplicación con sus dependencias en una imagen que se ejecuta como un contenedor.")).toBe(true);
    expect(nonEnglish("Ein Container teilt sich den Kernel mit dem Host und ist deshalb leichter als eine virtuelle Maschine.")).toBe(true);
    expect(nonEnglish("コンテナはホストのカーネルを共有します。")).toBe(true);
  });

  it("keeps English, keyword lists and short answers English", () => {
    expect(nonEnglish("Containers share the host kernel, so they start in milliseconds.")).toBe(false);
    expect(nonEnglish("Docker: containers, images, Dockerfile, layers, registry, namespaces, cgroups, volumes, Kubernetes.")).toBe(false);
    expect(nonEnglish("Yes.")).toBe(false);
    expect(nonEnglish("")).toBe(false);
  });
});
