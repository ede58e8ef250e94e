import type { CreateProfileBody, UpdateProfileBody } from '@bytelyst/trading-contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

export const createProfile = (body: CreateProfileBody) => callApi('createProfile', { body });
export const updateProfile = (id: string, body: UpdateProfileBody) =>
  callApi('updateProfile', { params: { id }, body });
export const setProfileEnabled = (id: string, enabled: boolean) =>
  callApi(enabled ? 'enableProfile' : 'disableProfile', { params: { id } });
export const deleteProfile = (id: string) => callApi('deleteProfile', { params: { id } });

/** Every profile mutation invalidates the list by its factory key, and the bot state it affects. */
function useProfileMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: apiKey('listProfiles') });
      void qc.invalidateQueries({ queryKey: apiKey('botState') });
    },
  });
}

export const useCreateProfile = () => useProfileMutation(createProfile);
export const useUpdateProfile = () =>
  useProfileMutation((v: { id: string; body: UpdateProfileBody }) => updateProfile(v.id, v.body));
export const useSetProfileEnabled = () =>
  useProfileMutation((v: { id: string; enabled: boolean }) => setProfileEnabled(v.id, v.enabled));
export const useDeleteProfile = () => useProfileMutation(deleteProfile);
