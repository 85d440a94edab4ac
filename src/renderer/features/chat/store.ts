// Which of the agent's chats is in front (the dock shows one at a time, tabs for the others).
import { create } from 'zustand';

interface ChatState {
  selected: string | null;
  select(id: string | null): void;
}

export const useChatStore = create<ChatState>()((set) => ({
  selected: null,
  select: (selected) => set({ selected }),
}));
