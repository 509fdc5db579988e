"""Full domain model: pathways, check-ins, vetting, hand-offs, employers, audit.

Existing young people keep their data; new non-null columns get server defaults.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 23:47:54.899114
"""

import unicodedata

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('employer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('sector', sa.String(length=100), nullable=True),
    sa.Column('contact_name', sa.String(length=200), nullable=True),
    sa.Column('contact_email', sa.String(length=200), nullable=True),
    sa.Column('contact_phone', sa.String(length=40), nullable=True),
    sa.Column('offers', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employer'))
    )
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('worker_id', sa.Integer(), nullable=True),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.Enum('created', 'updated', 'closed', 'reopened', 'deleted', 'printed', 'exported', name='auditaction', native_enum=False, length=40), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_audit_event_worker_id_worker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_event_person', ['person_id', 'id'], unique=False)

    op.create_table('employer_commitment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=False),
    sa.Column('measure', sa.String(length=300), nullable=False),
    sa.Column('step_type', sa.Enum('cv_support', 'mock_interview', 'careers_event', 'workplace_tour', 'taster', 'work_experience', 'paid_placement', 'internship', 'pre_apprenticeship', 'apprenticeship', 'job', 'course_esol', 'course_english_maths', 'course_cscs', 'course_other', 'volunteering', name='steptype', native_enum=False, length=40), nullable=True),
    sa.Column('pledged', sa.Integer(), nullable=False),
    sa.Column('contract', sa.String(length=200), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['employer_id'], ['employer.id'], name=op.f('fk_employer_commitment_employer_id_employer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employer_commitment'))
    )
    with op.batch_alter_table('employer_commitment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_employer_commitment_employer_id'), ['employer_id'], unique=False)

    op.create_table('opportunity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.Enum('cv_support', 'mock_interview', 'careers_event', 'workplace_tour', 'taster', 'work_experience', 'paid_placement', 'internship', 'pre_apprenticeship', 'apprenticeship', 'job', 'course_esol', 'course_english_maths', 'course_cscs', 'course_other', 'volunteering', name='steptype', native_enum=False, length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('places', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('closing_date', sa.Date(), nullable=True),
    sa.Column('pay_pence_per_hour', sa.Integer(), nullable=True),
    sa.Column('hours_per_week', sa.Double(), nullable=True),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('sector', sa.String(length=100), nullable=True),
    sa.Column('requirements', sa.Text(), nullable=True),
    sa.Column('needs_right_to_work', sa.Boolean(), nullable=False),
    sa.Column('dbs_level', sa.Enum('right_to_work', 'identity', 'dbs_basic', 'dbs_standard', 'dbs_enhanced', 'references', 'address_history', name='vettingneed', native_enum=False, length=40), nullable=True),
    sa.Column('english_level', sa.Enum('entry_1', 'entry_2', 'entry_3', 'level_1', 'level_2_plus', name='skilllevel', native_enum=False, length=40), nullable=True),
    sa.Column('ring_fenced', sa.Boolean(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['employer_id'], ['employer.id'], name=op.f('fk_opportunity_employer_id_employer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opportunity'))
    )
    with op.batch_alter_table('opportunity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opportunity_employer_id'), ['employer_id'], unique=False)

    op.create_table('accommodation_period',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.Enum('B', 'C', 'D', 'E', 'G', 'H', 'K', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', name='accommodationtype', native_enum=False, length=40), nullable=False),
    sa.Column('suitable', sa.Boolean(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['young_person.id'], name=op.f('fk_accommodation_period_person_id_young_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accommodation_period'))
    )
    with op.batch_alter_table('accommodation_period', schema=None) as batch_op:
        batch_op.create_index('ix_accommodation_period_person_start', ['person_id', 'start_date'], unique=False)

    op.create_table('check_in',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('worker_id', sa.Integer(), nullable=True),
    sa.Column('happened_at', sa.DateTime(), nullable=False),
    sa.Column('method', sa.Enum('face_to_face', 'phone', 'video', 'message', 'home_visit', 'drop_in', name='checkinmethod', native_enum=False, length=40), nullable=False),
    sa.Column('outcome', sa.Enum('spoke', 'no_answer', 'message_left', 'declined', name='checkinoutcome', native_enum=False, length=40), nullable=False),
    sa.Column('note', sa.String(length=2000), nullable=True),
    sa.Column('actions', sa.String(length=2000), nullable=True),
    sa.Column('next_contact_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['young_person.id'], name=op.f('fk_check_in_person_id_young_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_check_in_worker_id_worker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_in'))
    )
    with op.batch_alter_table('check_in', schema=None) as batch_op:
        batch_op.create_index('ix_check_in_person_when', ['person_id', 'happened_at'], unique=False)

    op.create_table('eet_status_period',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5', 'G4', 'G5', 'G6', name='eetstatus', native_enum=False, length=40), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['young_person.id'], name=op.f('fk_eet_status_period_person_id_young_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_eet_status_period'))
    )
    with op.batch_alter_table('eet_status_period', schema=None) as batch_op:
        batch_op.create_index('ix_eet_status_period_person_start', ['person_id', 'start_date'], unique=False)

    op.create_table('pathway_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.Enum('cv_support', 'mock_interview', 'careers_event', 'workplace_tour', 'taster', 'work_experience', 'paid_placement', 'internship', 'pre_apprenticeship', 'apprenticeship', 'job', 'course_esol', 'course_english_maths', 'course_cscs', 'course_other', 'volunteering', name='steptype', native_enum=False, length=40), nullable=False),
    sa.Column('status', sa.Enum('planned', 'offered', 'accepted', 'waiting_to_start', 'in_progress', 'completed', 'ended_early', 'withdrawn', name='stepstatus', native_enum=False, length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('employer_id', sa.Integer(), nullable=True),
    sa.Column('opportunity_id', sa.Integer(), nullable=True),
    sa.Column('provider', sa.String(length=200), nullable=True),
    sa.Column('offered_on', sa.Date(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('hours_per_week', sa.Double(), nullable=True),
    sa.Column('pay_pence_per_hour', sa.Integer(), nullable=True),
    sa.Column('ring_fenced', sa.Boolean(), nullable=False),
    sa.Column('apprenticeship_level', sa.Integer(), nullable=True),
    sa.Column('mentor', sa.String(length=200), nullable=True),
    sa.Column('line_manager', sa.String(length=200), nullable=True),
    sa.Column('line_manager_contact', sa.String(length=200), nullable=True),
    sa.Column('outcome', sa.String(length=1000), nullable=True),
    sa.Column('ended_reason', sa.String(length=500), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['employer_id'], ['employer.id'], name=op.f('fk_pathway_step_employer_id_employer')),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunity.id'], name=op.f('fk_pathway_step_opportunity_id_opportunity')),
    sa.ForeignKeyConstraint(['person_id'], ['young_person.id'], name=op.f('fk_pathway_step_person_id_young_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pathway_step'))
    )
    with op.batch_alter_table('pathway_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pathway_step_employer_id'), ['employer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pathway_step_opportunity_id'), ['opportunity_id'], unique=False)
        batch_op.create_index('ix_pathway_step_person_status', ['person_id', 'status'], unique=False)

    op.create_table('search_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['young_person.id'], name=op.f('fk_search_token_person_id_young_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_token'))
    )
    with op.batch_alter_table('search_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_token_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_search_token_token', ['token'], unique=False)

    op.create_table('support_need',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.Enum('housing', 'transport', 'mental_health', 'parenting', 'money', 'disability', 'offending', 'exploitation', 'language', 'other', name='needcategory', native_enum=False, length=40), nullable=False),
    sa.Column('description', sa.String(length=1000), nullable=False),
    sa.Column('adjustments', sa.String(length=1000), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['young_person.id'], name=op.f('fk_support_need_person_id_young_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_need'))
    )
    with op.batch_alter_table('support_need', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_need_person_id'), ['person_id'], unique=False)

    op.create_table('consent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('withdrawn_on', sa.Date(), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['need_id'], ['support_need.id'], name=op.f('fk_consent_need_id_support_need'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent'))
    )
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_need_id'), ['need_id'], unique=False)

    op.create_table('hand_off',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('built_on', sa.Date(), nullable=False),
    sa.Column('line_manager', sa.String(length=200), nullable=False),
    sa.Column('hr_contact', sa.String(length=200), nullable=True),
    sa.Column('adjustments', sa.Text(), nullable=True),
    sa.Column('first_two_weeks', sa.Text(), nullable=True),
    sa.Column('keep_in_touch', sa.Text(), nullable=True),
    sa.Column('if_difficult', sa.Text(), nullable=True),
    sa.Column('mentor', sa.String(length=200), nullable=True),
    sa.Column('strengths', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['young_person.id'], name=op.f('fk_hand_off_person_id_young_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['step_id'], ['pathway_step.id'], name=op.f('fk_hand_off_step_id_pathway_step'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hand_off'))
    )
    with op.batch_alter_table('hand_off', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hand_off_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hand_off_step_id'), ['step_id'], unique=False)

    op.create_table('sustainment_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('week', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=True),
    sa.Column('sustained', sa.Boolean(), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['step_id'], ['pathway_step.id'], name=op.f('fk_sustainment_check_step_id_pathway_step'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sustainment_check'))
    )
    with op.batch_alter_table('sustainment_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sustainment_check_step_id'), ['step_id'], unique=False)

    op.create_table('vetting_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=True),
    sa.Column('need', sa.Enum('right_to_work', 'identity', 'dbs_basic', 'dbs_standard', 'dbs_enhanced', 'references', 'address_history', name='vettingneed', native_enum=False, length=40), nullable=False),
    sa.Column('outcome', sa.Enum('pending', 'met_as_standard', 'alternative_accepted', 'not_met', name='vettingoutcome', native_enum=False, length=40), nullable=False),
    sa.Column('blocker', sa.String(length=500), nullable=True),
    sa.Column('alternative', sa.String(length=500), nullable=True),
    sa.Column('how_met', sa.String(length=500), nullable=True),
    sa.Column('approved_by', sa.String(length=200), nullable=True),
    sa.Column('employer_signed_off_by', sa.String(length=200), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('review_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['young_person.id'], name=op.f('fk_vetting_check_person_id_young_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['step_id'], ['pathway_step.id'], name=op.f('fk_vetting_check_step_id_pathway_step'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vetting_check'))
    )
    with op.batch_alter_table('vetting_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vetting_check_person_id'), ['person_id'], unique=False)

    op.create_table('disclosure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('hand_off_id', sa.Integer(), nullable=True),
    sa.Column('document', sa.String(length=80), nullable=False),
    sa.Column('recipient', sa.String(length=200), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('worker_id', sa.Integer(), nullable=True),
    sa.Column('disclosed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['hand_off_id'], ['hand_off.id'], name=op.f('fk_disclosure_hand_off_id_hand_off'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['young_person.id'], name=op.f('fk_disclosure_person_id_young_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_disclosure_worker_id_worker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disclosure'))
    )
    with op.batch_alter_table('disclosure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disclosure_person_id'), ['person_id'], unique=False)

    op.create_table('hand_off_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hand_off_id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['hand_off_id'], ['hand_off.id'], name=op.f('fk_hand_off_item_hand_off_id_hand_off'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['need_id'], ['support_need.id'], name=op.f('fk_hand_off_item_need_id_support_need'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hand_off_item'))
    )
    with op.batch_alter_table('hand_off_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hand_off_item_hand_off_id'), ['hand_off_id'], unique=False)

    with op.batch_alter_table('worker', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('phone', sa.String(length=40), nullable=True))

    with op.batch_alter_table('young_person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sex', sa.Enum('M', 'F', 'U', name='sex', native_enum=False, length=40), nullable=True))
        batch_op.add_column(sa.Column('child_ref', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('pa_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('phone', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('email', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('address', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('safe_contact', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('referral_source', sa.Enum('personal_adviser', 'dwp_jobcentre', 'virtual_school', 'college', 'self', 'other', name='referralsource', native_enum=False, length=40), nullable=True))
        batch_op.add_column(sa.Column('referral_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('care_leaver_category', sa.Enum('eligible', 'relevant', 'former_relevant', 'qualifying', name='careleavercategory', native_enum=False, length=40), nullable=True))
        batch_op.add_column(sa.Column('uasc', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('immigration_status', sa.Enum('british_or_irish', 'settled', 'pre_settled', 'refugee', 'humanitarian_protection', 'limited_leave', 'asylum_seeker', 'appeal_rights_exhausted', 'other', 'unknown', name='immigrationstatus', native_enum=False, length=40), nullable=True))
        batch_op.add_column(sa.Column('right_to_work', sa.Enum('unlimited', 'time_limited', 'restricted', 'none', 'not_checked', name='righttowork', native_enum=False, length=40), nullable=False, server_default='not_checked'))
        batch_op.add_column(sa.Column('right_to_work_expiry', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('right_to_work_checked_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('no_recourse_to_public_funds', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('english_level', sa.Enum('entry_1', 'entry_2', 'entry_3', 'level_1', 'level_2_plus', name='skilllevel', native_enum=False, length=40), nullable=True))
        batch_op.add_column(sa.Column('maths_level', sa.Enum('entry_1', 'entry_2', 'entry_3', 'level_1', 'level_2_plus', name='skilllevel', native_enum=False, length=40), nullable=True))
        batch_op.add_column(sa.Column('esol_need', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('digital_access', sa.Enum('full', 'device_no_data', 'shared', 'none', name='digitalaccess', native_enum=False, length=40), nullable=True))
        batch_op.add_column(sa.Column('sectors_of_interest', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('aspirations', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('strengths', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('areas_can_reach', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('places_not_safe', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('closed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('closed_reason', sa.String(length=300), nullable=True))
        batch_op.create_index(batch_op.f('ix_young_person_pa_id'), ['pa_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_young_person_pa_id_worker'), 'worker', ['pa_id'], ['id'])



    op.create_table(
        "caseload_summary",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("last_contact_at", sa.DateTime(), nullable=True),
        sa.Column("agreed_next_on", sa.Date(), nullable=True),
        sa.Column("step_type", sa.Enum(*STEP_TYPES, name="steptype", native_enum=False, length=40), nullable=True),
        sa.Column("step_status", sa.Enum(*STEP_STATUSES, name="stepstatus", native_enum=False, length=40), nullable=True),
        sa.Column("step_start", sa.Date(), nullable=True),
        sa.Column("eet_status", sa.Enum(*EET_CODES, name="eetstatus", native_enum=False, length=40), nullable=True),
        sa.Column("neet_since", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["young_person.id"],
            name=op.f("fk_caseload_summary_person_id_young_person"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_caseload_summary")),
    )
    # People from schema 0001 have no check-ins, steps or EET spells yet: empty summaries.
    op.execute("INSERT INTO caseload_summary (person_id) SELECT id FROM young_person")
    _index_existing_names()


STEP_TYPES = (
    "cv_support", "mock_interview", "careers_event", "workplace_tour", "taster", "work_experience",
    "paid_placement", "internship", "pre_apprenticeship", "apprenticeship", "job", "course_esol",
    "course_english_maths", "course_cscs", "course_other", "volunteering",
)
STEP_STATUSES = (
    "planned", "offered", "accepted", "waiting_to_start", "in_progress", "completed",
    "ended_early", "withdrawn",
)
EET_CODES = ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6")


def _fold_tokens(text):
    """Name folding as of this revision, frozen here so the migration never changes."""
    if not text:
        return []
    latin = str.maketrans({"đ": "d", "ø": "o", "ł": "l", "ß": "ss", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ə": "e"})
    arabic = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "ۀ": "ه"})
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    folded = folded.translate(latin).translate(arabic)
    words = []
    for raw in folded.replace("-", " ").split():
        joined = "".join(ch for ch in raw if ch.isalnum())
        parts = "".join(ch if ch.isalnum() else " " for ch in raw).split()
        for word in (joined, *parts):
            if word and word not in words:
                words.append(word)
    return words


def _index_existing_names():
    """People from schema 0001 get search tokens, as every later write keeps them."""
    conn = op.get_bind()
    people = conn.execute(
        sa.text("SELECT id, given_name, family_name, preferred_name, own_script_name FROM young_person")
    ).all()
    rows = []
    for pid, *names in people:
        seen = set()
        for name in names:
            for word in _fold_tokens(name):
                if (word, 0) not in seen:
                    seen.add((word, 0))
                    rows.append({"p": pid, "t": word, "k": 0, "s": word})
                if len(word) >= 4:
                    for i in range(len(word)):
                        variant = word[:i] + word[i + 1:]
                        if (variant, 1) not in seen:
                            seen.add((variant, 1))
                            rows.append({"p": pid, "t": variant, "k": 1, "s": word})
    if rows:
        conn.execute(
            sa.text("INSERT INTO search_token (person_id, token, kind, source) VALUES (:p, :t, :k, :s)"), rows
        )


def downgrade() -> None:
    op.drop_table("caseload_summary")
    with op.batch_alter_table('young_person', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_young_person_pa_id_worker'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_young_person_pa_id'))
        batch_op.drop_column('closed_reason')
        batch_op.drop_column('closed_on')
        batch_op.drop_column('places_not_safe')
        batch_op.drop_column('areas_can_reach')
        batch_op.drop_column('strengths')
        batch_op.drop_column('aspirations')
        batch_op.drop_column('sectors_of_interest')
        batch_op.drop_column('digital_access')
        batch_op.drop_column('esol_need')
        batch_op.drop_column('maths_level')
        batch_op.drop_column('english_level')
        batch_op.drop_column('no_recourse_to_public_funds')
        batch_op.drop_column('right_to_work_checked_on')
        batch_op.drop_column('right_to_work_expiry')
        batch_op.drop_column('right_to_work')
        batch_op.drop_column('immigration_status')
        batch_op.drop_column('uasc')
        batch_op.drop_column('care_leaver_category')
        batch_op.drop_column('referral_date')
        batch_op.drop_column('referral_source')
        batch_op.drop_column('safe_contact')
        batch_op.drop_column('address')
        batch_op.drop_column('email')
        batch_op.drop_column('phone')
        batch_op.drop_column('pa_id')
        batch_op.drop_column('child_ref')
        batch_op.drop_column('sex')

    with op.batch_alter_table('worker', schema=None) as batch_op:
        batch_op.drop_column('phone')
        batch_op.drop_column('email')

    with op.batch_alter_table('hand_off_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hand_off_item_hand_off_id'))

    op.drop_table('hand_off_item')
    with op.batch_alter_table('disclosure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disclosure_person_id'))

    op.drop_table('disclosure')
    with op.batch_alter_table('vetting_check', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vetting_check_person_id'))

    op.drop_table('vetting_check')
    with op.batch_alter_table('sustainment_check', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sustainment_check_step_id'))

    op.drop_table('sustainment_check')
    with op.batch_alter_table('hand_off', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hand_off_step_id'))
        batch_op.drop_index(batch_op.f('ix_hand_off_person_id'))

    op.drop_table('hand_off')
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_need_id'))

    op.drop_table('consent')
    with op.batch_alter_table('support_need', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_need_person_id'))

    op.drop_table('support_need')
    with op.batch_alter_table('search_token', schema=None) as batch_op:
        batch_op.drop_index('ix_search_token_token')
        batch_op.drop_index(batch_op.f('ix_search_token_person_id'))

    op.drop_table('search_token')
    with op.batch_alter_table('pathway_step', schema=None) as batch_op:
        batch_op.drop_index('ix_pathway_step_person_status')
        batch_op.drop_index(batch_op.f('ix_pathway_step_opportunity_id'))
        batch_op.drop_index(batch_op.f('ix_pathway_step_employer_id'))

    op.drop_table('pathway_step')
    with op.batch_alter_table('eet_status_period', schema=None) as batch_op:
        batch_op.drop_index('ix_eet_status_period_person_start')

    op.drop_table('eet_status_period')
    with op.batch_alter_table('check_in', schema=None) as batch_op:
        batch_op.drop_index('ix_check_in_person_when')

    op.drop_table('check_in')
    with op.batch_alter_table('accommodation_period', schema=None) as batch_op:
        batch_op.drop_index('ix_accommodation_period_person_start')

    op.drop_table('accommodation_period')
    with op.batch_alter_table('opportunity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opportunity_employer_id'))

    op.drop_table('opportunity')
    with op.batch_alter_table('employer_commitment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employer_commitment_employer_id'))

    op.drop_table('employer_commitment')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_person')

    op.drop_table('audit_event')
    op.drop_table('employer')
