package fr.comitia.platform;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.impl.variable.serializer.PrimitiveValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Camunda keeps a String variable in a 4,000-character column: a longer preamble or note sent by
 * Tasklist or the engine REST API would fail the whole transaction (HTTP 500). Strings longer than
 * that are kept as bytes instead (UTF-8), and read back as the same String; shorter ones keep
 * Camunda's own serializer. Registered before Camunda's serializers by {@link EnginePlugins}.
 */
final class LongTextSerializer extends PrimitiveValueSerializer<StringValue> {

  static final String NAME = "comitiaLongText";
  /** Length of Camunda's TEXT_ columns. */
  static final int ENGINE_TEXT_COLUMN = 4000;

  LongTextSerializer() {
    super(ValueType.STRING);
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  protected boolean canWriteValue(TypedValue value) {
    return value.getValue() instanceof String s && s.length() > ENGINE_TEXT_COLUMN;
  }

  @Override
  public StringValue convertToTypedValue(UntypedValueImpl untypedValue) {
    return Variables.stringValue((String) untypedValue.getValue(), untypedValue.isTransient());
  }

  @Override
  public StringValue readValue(ValueFields fields, boolean asTransientValue) {
    byte[] bytes = fields.getByteArrayValue();
    return Variables.stringValue(bytes == null ? null : new String(bytes, StandardCharsets.UTF_8), asTransientValue);
  }

  @Override
  public void writeValue(StringValue value, ValueFields fields) {
    fields.setByteArrayValue(value.getValue() == null ? null : value.getValue().getBytes(StandardCharsets.UTF_8));
  }
}
