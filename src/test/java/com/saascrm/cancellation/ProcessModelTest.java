package com.saascrm.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.saascrm.cancellation.AccountCancellationProcess.Elements;
import com.saascrm.cancellation.AccountCancellationProcess.Messages;

/** The model keeps the conventions of docs/architecture.md (The process) and matches the constants that code uses. */
class ProcessModelTest {

    private static BpmnModelInstance model;

    @BeforeAll
    static void readModel() throws Exception {
        try (InputStream bpmn = ProcessModelTest.class.getResourceAsStream("/account-cancellation.bpmn")) {
            model = Bpmn.readModelFromStream(bpmn);
        }
        Bpmn.validateModel(model);
    }

    @Test
    void processKeyAndHistoryTimeToLive() {
        Process process = model.getModelElementById(AccountCancellationProcess.PROCESS_KEY);
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
    }

    @Test
    void everyIdSaysWhatItIs() {
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            assertThat(element.getId())
                    .as(element.getElementType().getTypeName())
                    .matches(kindOf(element) + "_[A-Z][A-Za-z]+");
        }
        for (Message message : model.getModelElementsByType(Message.class)) {
            assertThat(message.getId()).isEqualTo("Message_" + message.getName());
        }
    }

    /** Events that wait are named after what they wait for; everything else after its kind. */
    private static String kindOf(FlowElement element) {
        if (element instanceof StartEvent) {
            return "StartEvent";
        }
        if (element instanceof CatchEvent waiting) {
            EventDefinition trigger = waiting.getEventDefinitions().iterator().next();
            if (trigger instanceof TimerEventDefinition) {
                return "Timer";
            }
            if (trigger instanceof MessageEventDefinition) {
                return "Message";
            }
            if (trigger instanceof ErrorEventDefinition) {
                return "Error";
            }
        }
        if (element instanceof EndEvent) {
            return "Event";
        }
        if (element instanceof Task) {
            return "Task";
        }
        if (element instanceof Gateway) {
            return "Gateway";
        }
        if (element instanceof SubProcess) {
            return "SubProcess";
        }
        if (element instanceof SequenceFlow) {
            return "Flow";
        }
        throw new AssertionError(
                "No naming rule for " + element.getElementType().getTypeName() + " " + element.getId());
    }

    @Test
    void everyNodeAndFlowIsDrawn() {
        Set<String> drawn = model.getModelElementsByType(BpmnShape.class).stream()
                .map(shape -> shape.getBpmnElement().getId())
                .collect(Collectors.toSet());
        Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                .map(edge -> edge.getBpmnElement().getId())
                .collect(Collectors.toSet());

        assertThat(drawn).containsAll(ids(model.getModelElementsByType(FlowNode.class)));
        assertThat(edges).containsAll(ids(model.getModelElementsByType(SequenceFlow.class)));
    }

    /**
     * The notices that a timer brings wait behind other jobs (README, E-mail): the job executor would otherwise run
     * each right after its timer in the same thread, and a burst of 10,000 lockouts would send 10,000 mails on the
     * way. The requests to the data holders go out side by side. Every other step keeps the default: exclusive,
     * priority 0.
     */
    @Test
    void onlyTheNoticesATimerBringsWaitBehindOtherJobs() {
        Collection<ServiceTask> tasks = model.getModelElementsByType(ServiceTask.class);
        assertThat(tasks.stream().filter(task -> task.getCamundaJobPriority() != null))
                .allSatisfy(task -> assertThat(task.getCamundaJobPriority()).isEqualTo("-10"))
                .extracting(BaseElement::getId)
                .containsExactlyInAnyOrder(
                        Elements.TASK_SEND_LOCKOUT_NOTICE,
                        Elements.TASK_SEND_DELETION_REMINDER,
                        Elements.TASK_SEND_PAUSE_ENDING_NOTICE);
        assertThat(tasks.stream().filter(task -> !task.isCamundaExclusive()))
                .extracting(BaseElement::getId)
                .containsExactlyInAnyOrder(
                        Elements.TASK_SEND_LOCKOUT_NOTICE,
                        Elements.TASK_SEND_DELETION_REMINDER,
                        Elements.TASK_SEND_PAUSE_ENDING_NOTICE,
                        Elements.TASK_REQUEST_HOLDER_ERASURE);
    }

    @Test
    void noScriptsAndNoClassNamesInTheModel() {
        assertThat(model.getModelElementsByType(ScriptTask.class)).isEmpty();
        assertThat(model.getModelElementsByType(CamundaScript.class)).isEmpty();
        String xml = Bpmn.convertToString(model);
        assertThat(xml).doesNotContain("camunda:class=").doesNotContain("camunda:expression=");
    }

    @Test
    void constantsNameElementsAndMessagesOfTheModel() throws IllegalAccessException {
        for (String id : constants(Elements.class)) {
            assertThat((Object) model.getModelElementById(id)).as(id).isNotNull();
        }
        Set<String> messageNames = model.getModelElementsByType(Message.class).stream()
                .map(Message::getName)
                .collect(Collectors.toSet());
        assertThat(messageNames).containsExactlyInAnyOrderElementsOf(constants(Messages.class));
    }

    private static List<String> ids(Collection<? extends BaseElement> elements) {
        return elements.stream().map(BaseElement::getId).toList();
    }

    private static List<String> constants(Class<?> holder) throws IllegalAccessException {
        List<String> values = new java.util.ArrayList<>();
        for (Field field : holder.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }
}
