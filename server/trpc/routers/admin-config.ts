import * as input from "@/server/schemas/admin-config";
import * as calendarInput from "@/server/schemas/calendars";
import * as calendars from "@/server/services/admin/config-calendars";
import * as filters from "@/server/services/admin/config-filters";
import * as mail from "@/server/services/admin/config-mail";
import * as rules from "@/server/services/admin/config-notifications";
import { configOptions } from "@/server/services/admin/config-options";
import * as queues from "@/server/services/admin/config-queues";
import * as services from "@/server/services/admin/config-services";
import { getSettings, updateSettings } from "@/server/services/admin/config-settings";
import * as states from "@/server/services/admin/config-states";
import * as texts from "@/server/services/admin/config-texts";
import { adminProcedure as admin, router } from "../init";

/**
 * The admin console's configuration: queues, states, priorities, types, services, calendars, texts,
 * notification rules, mail accounts, system addresses, postmaster filters, settings. Admins only;
 * every change is audited in the transaction that makes it.
 */
export const adminConfigRouter = router({
  options: admin.query(({ ctx }) => configOptions(ctx.db)),
  // A mutation only so long texts travel in a POST body, not in a URL; it changes nothing.
  preview: admin.input(input.previewInput).mutation(({ ctx, input }) => texts.preview(ctx.db, ctx.actor, input)),

  queueList: admin.input(input.listInput).query(({ ctx, input }) => queues.listQueues(ctx.db, input)),
  queueTree: admin.input(input.queueTreeInput).query(({ ctx, input }) => queues.queueTree(ctx.db, input)),
  queueGet: admin.input(input.byId).query(({ ctx, input }) => queues.getQueue(ctx.db, input.id)),
  queueCreate: admin.input(input.createQueueInput).mutation(({ ctx, input }) => queues.createQueue(ctx.db, ctx.actor, input)),
  queueUpdate: admin.input(input.updateQueueInput).mutation(({ ctx, input }) => queues.updateQueue(ctx.db, ctx.actor, input)),
  queueMakeDefault: admin.input(input.byId).mutation(({ ctx, input }) => queues.makeDefaultQueue(ctx.db, ctx.actor, input)),
  queueSetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => queues.setQueueValid(ctx.db, ctx.actor, input)),
  queueDelete: admin.input(input.byId).mutation(({ ctx, input }) => queues.deleteQueue(ctx.db, ctx.actor, input)),

  stateList: admin.input(input.listInput).query(({ ctx, input }) => states.listStates(ctx.db, input)),
  stateCreate: admin.input(input.createStateInput).mutation(({ ctx, input }) => states.createState(ctx.db, ctx.actor, input)),
  stateUpdate: admin.input(input.updateStateInput).mutation(({ ctx, input }) => states.updateState(ctx.db, ctx.actor, input)),
  stateSetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => states.setStateValid(ctx.db, ctx.actor, input)),
  stateDelete: admin.input(input.byId).mutation(({ ctx, input }) => states.deleteState(ctx.db, ctx.actor, input)),

  priorityList: admin.input(input.listInput).query(({ ctx, input }) => states.listPriorities(ctx.db, input)),
  priorityCreate: admin.input(input.createPriorityInput).mutation(({ ctx, input }) => states.createPriority(ctx.db, ctx.actor, input)),
  priorityUpdate: admin.input(input.updatePriorityInput).mutation(({ ctx, input }) => states.updatePriority(ctx.db, ctx.actor, input)),
  prioritySetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => states.setPriorityValid(ctx.db, ctx.actor, input)),
  priorityDelete: admin.input(input.byId).mutation(({ ctx, input }) => states.deletePriority(ctx.db, ctx.actor, input)),

  typeList: admin.input(input.listInput).query(({ ctx, input }) => states.listTypes(ctx.db, input)),
  typeCreate: admin.input(input.createTypeInput).mutation(({ ctx, input }) => states.createType(ctx.db, ctx.actor, input)),
  typeUpdate: admin.input(input.updateTypeInput).mutation(({ ctx, input }) => states.updateType(ctx.db, ctx.actor, input)),
  typeSetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => states.setTypeValid(ctx.db, ctx.actor, input)),
  typeDelete: admin.input(input.byId).mutation(({ ctx, input }) => states.deleteType(ctx.db, ctx.actor, input)),

  serviceList: admin.input(input.listInput).query(({ ctx, input }) => services.listServices(ctx.db, input)),
  serviceCreate: admin.input(input.createServiceInput).mutation(({ ctx, input }) => services.createService(ctx.db, ctx.actor, input)),
  serviceUpdate: admin.input(input.updateServiceInput).mutation(({ ctx, input }) => services.updateService(ctx.db, ctx.actor, input)),
  serviceSetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => services.setServiceValid(ctx.db, ctx.actor, input)),
  serviceDelete: admin.input(input.byId).mutation(({ ctx, input }) => services.deleteService(ctx.db, ctx.actor, input)),

  calendarList: admin.input(input.listInput).query(({ ctx, input }) => calendars.listCalendars(ctx.db, input)),
  calendarCreate: admin.input(calendarInput.createCalendarInput).mutation(({ ctx, input }) => calendars.createCalendar(ctx.db, ctx.actor, input)),
  calendarUpdate: admin.input(calendarInput.updateCalendarInput).mutation(({ ctx, input }) => calendars.updateCalendar(ctx.db, ctx.actor, input)),
  calendarSetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => calendars.setCalendarValid(ctx.db, ctx.actor, input)),
  calendarDelete: admin.input(input.byId).mutation(({ ctx, input }) => calendars.deleteCalendar(ctx.db, ctx.actor, input)),
  calendarHolidayCountries: admin.query(({ ctx }) => calendars.holidayCountries(ctx.actor.language)),
  calendarHolidayImport: admin.input(calendarInput.holidayImportInput).query(({ ctx, input }) => calendars.importHolidays(ctx.actor.language, input)),

  templateList: admin.input(input.listInput).query(({ ctx, input }) => texts.listTemplates(ctx.db, input)),
  templateCreate: admin.input(input.createTemplateInput).mutation(({ ctx, input }) => texts.createTemplate(ctx.db, ctx.actor, input)),
  templateUpdate: admin.input(input.updateTemplateInput).mutation(({ ctx, input }) => texts.updateTemplate(ctx.db, ctx.actor, input)),
  templateSetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => texts.setTemplateValid(ctx.db, ctx.actor, input)),
  templateDelete: admin.input(input.byId).mutation(({ ctx, input }) => texts.deleteTemplate(ctx.db, ctx.actor, input)),

  signatureList: admin.input(input.listInput).query(({ ctx, input }) => texts.listSnippets(ctx.db, "signature", input)),
  signatureCreate: admin.input(input.createSnippetInput).mutation(({ ctx, input }) => texts.createSnippet(ctx.db, ctx.actor, "signature", input)),
  signatureUpdate: admin.input(input.updateSnippetInput).mutation(({ ctx, input }) => texts.updateSnippet(ctx.db, ctx.actor, "signature", input)),
  signatureSetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => texts.setSnippetValid(ctx.db, ctx.actor, "signature", input)),
  signatureDelete: admin.input(input.byId).mutation(({ ctx, input }) => texts.deleteSnippet(ctx.db, ctx.actor, "signature", input)),

  salutationList: admin.input(input.listInput).query(({ ctx, input }) => texts.listSnippets(ctx.db, "salutation", input)),
  salutationCreate: admin.input(input.createSnippetInput).mutation(({ ctx, input }) => texts.createSnippet(ctx.db, ctx.actor, "salutation", input)),
  salutationUpdate: admin.input(input.updateSnippetInput).mutation(({ ctx, input }) => texts.updateSnippet(ctx.db, ctx.actor, "salutation", input)),
  salutationSetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => texts.setSnippetValid(ctx.db, ctx.actor, "salutation", input)),
  salutationDelete: admin.input(input.byId).mutation(({ ctx, input }) => texts.deleteSnippet(ctx.db, ctx.actor, "salutation", input)),

  autoResponseList: admin.input(input.listInput).query(({ ctx, input }) => texts.listAutoResponses(ctx.db, input)),
  autoResponseGet: admin.input(input.byId).query(({ ctx, input }) => texts.getAutoResponse(ctx.db, input.id)),
  autoResponseCreate: admin.input(input.createAutoResponseInput).mutation(({ ctx, input }) => texts.createAutoResponse(ctx.db, ctx.actor, input)),
  autoResponseUpdate: admin.input(input.updateAutoResponseInput).mutation(({ ctx, input }) => texts.updateAutoResponse(ctx.db, ctx.actor, input)),
  autoResponseSetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => texts.setAutoResponseValid(ctx.db, ctx.actor, input)),
  autoResponseDelete: admin.input(input.byId).mutation(({ ctx, input }) => texts.deleteAutoResponse(ctx.db, ctx.actor, input)),

  notificationRuleList: admin.input(input.listInput).query(({ ctx, input }) => rules.listNotificationRules(ctx.db, input)),
  notificationRuleCreate: admin.input(input.createNotificationRuleInput).mutation(({ ctx, input }) => rules.createNotificationRule(ctx.db, ctx.actor, input)),
  notificationRuleUpdate: admin.input(input.updateNotificationRuleInput).mutation(({ ctx, input }) => rules.updateNotificationRule(ctx.db, ctx.actor, input)),
  notificationRuleSetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => rules.setNotificationRuleValid(ctx.db, ctx.actor, input)),
  notificationRuleDelete: admin.input(input.byId).mutation(({ ctx, input }) => rules.deleteNotificationRule(ctx.db, ctx.actor, input)),

  mailAccountList: admin.input(input.listInput).query(({ ctx, input }) => mail.listMailAccounts(ctx.db, input)),
  mailAccountCreate: admin.input(input.createMailAccountInput).mutation(({ ctx, input }) => mail.createMailAccount(ctx.db, ctx.actor, input)),
  mailAccountUpdate: admin.input(input.updateMailAccountInput).mutation(({ ctx, input }) => mail.updateMailAccount(ctx.db, ctx.actor, input)),
  mailAccountSetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => mail.setMailAccountValid(ctx.db, ctx.actor, input)),
  mailAccountDelete: admin.input(input.byId).mutation(({ ctx, input }) => mail.deleteMailAccount(ctx.db, ctx.actor, input)),
  mailAccountTest: admin.input(input.testMailAccountInput).mutation(({ ctx, input }) => mail.testMailAccount(ctx.db, input)),

  systemAddressList: admin.input(input.listInput).query(({ ctx, input }) => mail.listSystemAddresses(ctx.db, input)),
  systemAddressCreate: admin.input(input.createSystemAddressInput).mutation(({ ctx, input }) => mail.createSystemAddress(ctx.db, ctx.actor, input)),
  systemAddressUpdate: admin.input(input.updateSystemAddressInput).mutation(({ ctx, input }) => mail.updateSystemAddress(ctx.db, ctx.actor, input)),
  systemAddressSetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => mail.setSystemAddressValid(ctx.db, ctx.actor, input)),
  systemAddressDelete: admin.input(input.byId).mutation(({ ctx, input }) => mail.deleteSystemAddress(ctx.db, ctx.actor, input)),

  filterList: admin.input(input.listInput).query(({ ctx, input }) => filters.listFilters(ctx.db, input)),
  filterCreate: admin.input(input.createFilterInput).mutation(({ ctx, input }) => filters.createFilter(ctx.db, ctx.actor, input)),
  filterUpdate: admin.input(input.updateFilterInput).mutation(({ ctx, input }) => filters.updateFilter(ctx.db, ctx.actor, input)),
  filterSetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => filters.setFilterValid(ctx.db, ctx.actor, input)),
  filterDelete: admin.input(input.byId).mutation(({ ctx, input }) => filters.deleteFilter(ctx.db, ctx.actor, input)),
  filterDryRun: admin.input(input.filterDryRunInput).mutation(({ ctx, input }) => filters.dryRunFilters(ctx.db, input)),

  settingsGet: admin.query(({ ctx }) => getSettings(ctx.db)),
  settingsUpdate: admin.input(input.settingsInput).mutation(({ ctx, input }) => updateSettings(ctx.db, ctx.actor, input)),
});
