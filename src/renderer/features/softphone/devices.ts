// Audio devices: microphone, speaker and ringer, remembered by label (device ids change
// between sessions and machines; labels do not). A chosen device that disappears (headset
// unplugged) falls back to the system default — never an error in the middle of a call.
import { create } from 'zustand';

export type DeviceRole = 'microphone' | 'speaker' | 'ringer';
const STORAGE_KEY = 'sapa.softphone.devices';

interface DeviceChoice { microphone: string | null; speaker: string | null; ringer: string | null }

interface DevicesState {
  inputs: MediaDeviceInfo[];
  outputs: MediaDeviceInfo[];
  /** Remembered labels (null = system default). */
  chosen: DeviceChoice;
  /** The last fallback, so the UI can say the headset went away. */
  fellBack: DeviceRole | null;
  refresh(): Promise<void>;
  choose(role: DeviceRole, label: string | null): void;
}

function loadChoice(): DeviceChoice {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<DeviceChoice>;
    return { microphone: raw.microphone ?? null, speaker: raw.speaker ?? null, ringer: raw.ringer ?? null };
  } catch {
    return { microphone: null, speaker: null, ringer: null };
  }
}

export const useDevicesStore = create<DevicesState>()((set, get) => ({
  inputs: [],
  outputs: [],
  chosen: loadChoice(),
  fellBack: null,
  async refresh() {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    const all = await navigator.mediaDevices.enumerateDevices();
    const inputs = all.filter((d) => d.kind === 'audioinput');
    const outputs = all.filter((d) => d.kind === 'audiooutput');
    const { chosen } = get();
    let fellBack: DeviceRole | null = null;
    if (chosen.microphone && !inputs.some((d) => d.label === chosen.microphone)) fellBack = 'microphone';
    if (chosen.speaker && !outputs.some((d) => d.label === chosen.speaker)) fellBack = 'speaker';
    if (chosen.ringer && !outputs.some((d) => d.label === chosen.ringer)) fellBack = 'ringer';
    set({ inputs, outputs, fellBack });
  },
  choose(role, label) {
    const chosen = { ...get().chosen, [role]: label };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(chosen));
    set({ chosen, fellBack: null });
  },
}));

/** The device id for a role now, or undefined for the default (also when it is gone). */
export function deviceIdFor(role: DeviceRole): string | undefined {
  const { inputs, outputs, chosen } = useDevicesStore.getState();
  const label = chosen[role];
  if (!label) return undefined;
  const list = role === 'microphone' ? inputs : outputs;
  return list.find((d) => d.label === label)?.deviceId;
}

/** Routes an audio element to a device; a missing device or no setSinkId keeps the default. */
export async function routeAudio(element: HTMLAudioElement, role: 'speaker' | 'ringer'): Promise<void> {
  const id = deviceIdFor(role) ?? '';
  const sinkable = element as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
  if (!sinkable.setSinkId) return;
  try {
    await sinkable.setSinkId(id);
  } catch {
    await sinkable.setSinkId('').catch(() => undefined);
  }
}

export function watchDevices(onChange: () => void): () => void {
  const md = navigator.mediaDevices;
  if (!md?.addEventListener) return () => undefined;
  const listener = () => { void useDevicesStore.getState().refresh().then(onChange); };
  md.addEventListener('devicechange', listener);
  return () => md.removeEventListener('devicechange', listener);
}
